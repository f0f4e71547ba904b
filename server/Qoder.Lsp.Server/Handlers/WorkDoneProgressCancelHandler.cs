using Qoder.Lsp.Protocol;
using Qoder.Lsp.Server.Rpc;

namespace Qoder.Lsp.Server.Handlers;

internal sealed class WorkDoneProgressCancelHandler(LanguageServer server) : NotificationHandler<WorkDoneProgressCancelParams>
{
    public override string Method => LspMethods.WorkDoneProgressCancel;

    public override void Handle(WorkDoneProgressCancelParams notification)
    {
        if (notification is not null)
        {
            server.Progress.Cancel(notification.Token);
        }
    }
}
