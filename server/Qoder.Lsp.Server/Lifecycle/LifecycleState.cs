namespace Qoder.Lsp.Server.Lifecycle;

internal enum LifecycleState
{
    NotInitialized,
    /// <summary><c>initialize</c> was answered; requests are served (the spec allows them before <c>initialized</c>).</summary>
    Initializing,
    Initialized,
    ShutDown,
    Exited,
}
