namespace Qoder.Lsp.Tests.Indexing;

/// <summary>A small multi-language repository whose files each have one clear topic, for relevance tests.</summary>
internal static class SampleRepository
{
    public static readonly IReadOnlyDictionary<string, string> Files = new Dictionary<string, string>
    {
        ["src/Http/RetryPolicy.cs"] = """
            namespace Shop.Http;

            /// <summary>Retries transient HTTP failures with exponential backoff and jitter.</summary>
            public sealed class RetryPolicy
            {
                public int MaxAttempts { get; init; } = 5;

                public TimeSpan DelayFor(int attempt) => TimeSpan.FromMilliseconds(100 * Math.Pow(2, attempt));

                public async Task<HttpResponseMessage> SendWithRetryAsync(Func<Task<HttpResponseMessage>> send)
                {
                    for (var attempt = 0; ; attempt++)
                    {
                        var response = await send();
                        if ((int)response.StatusCode < 500 || attempt + 1 >= MaxAttempts) return response;
                        await Task.Delay(DelayFor(attempt));
                    }
                }
            }
            """,
        ["src/Orders/OrderService.cs"] = """
            namespace Shop.Orders;

            public sealed class OrderService(IOrderRepository repository)
            {
                public async Task<Order> PlaceOrderAsync(Cart cart)
                {
                    var order = Order.FromCart(cart);
                    await repository.SaveAsync(order);
                    return order;
                }

                public Task CancelOrderAsync(string orderId) => repository.DeleteAsync(orderId);
            }
            """,
        ["web/config/parser.ts"] = """
            import { readFileSync } from "fs";

            export interface AppConfig { port: number; databaseUrl: string }

            export function parseConfig(text: string): AppConfig {
              const raw = JSON.parse(text);
              return { port: raw.port ?? 8080, databaseUrl: raw.databaseUrl };
            }

            export function loadConfigFile(path: string): AppConfig {
              return parseConfig(readFileSync(path, "utf8"));
            }
            """,
        ["web/components/Button.tsx"] = """
            export function Button({ label, onClick }: { label: string; onClick: () => void }) {
              return <button className="btn" onClick={onClick}>{label}</button>;
            }
            """,
        ["auth/password_hasher.py"] = """
            import bcrypt


            class PasswordHasher:
                def hash_password(self, plain: str) -> bytes:
                    salt = bcrypt.gensalt(rounds=12)
                    return bcrypt.hashpw(plain.encode(), salt)

                def verify_password(self, plain: str, hashed: bytes) -> bool:
                    return bcrypt.checkpw(plain.encode(), hashed)
            """,
        ["auth/session.py"] = """
            import secrets


            def new_session_token() -> str:
                return secrets.token_urlsafe(32)
            """,
        ["cmd/server/main.go"] = """
            package main

            import "net/http"

            func main() {
            	http.HandleFunc("/health", healthHandler)
            	http.ListenAndServe(":8080", nil)
            }

            func healthHandler(w http.ResponseWriter, r *http.Request) {
            	w.WriteHeader(http.StatusOK)
            }
            """,
        ["crates/cache/src/lib.rs"] = """
            use std::collections::HashMap;

            pub struct LruCache<K, V> {
                capacity: usize,
                items: HashMap<K, V>,
            }

            impl<K, V> LruCache<K, V> {
                pub fn evict_oldest(&mut self) {
                    // drop the least recently used entry
                }
            }
            """,
        ["docs/README.md"] = """
            # Shop

            The shop sells things. Run the server with `go run ./cmd/server`.
            """,
    };

    public static void WriteTo(TempWorkspace workspace)
    {
        foreach (var (path, text) in Files)
        {
            workspace.Write(path, text);
        }
    }
}
