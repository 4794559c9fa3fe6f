using Entente.Testing;
using Microsoft.Playwright;

namespace Entente.BrowserTests;

/// <summary>
/// A host serving on a loopback port and one headless Chromium from the operating system (never a downloaded
/// browser). <c>ENTENTE_TEST_CHROMIUM</c> names the executable; the test command sets it.
/// </summary>
public sealed class BrowserFixture : SqliteApp
{
    private IPlaywright? _playwright;

    protected override bool RealServer => true;

    public IBrowser Browser { get; private set; } = null!;

    public static string ChromiumPath =>
        Environment.GetEnvironmentVariable("ENTENTE_TEST_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public async Task StartBrowserAsync()
    {
        if (_playwright is not null)
        {
            return;
        }

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
            ],
        });
    }

    /// <summary>A fresh browser context (its own cookies) with a page that records console errors and CSP reports.</summary>
    public async Task<(IBrowserContext Context, IPage Page, List<string> Errors)> NewPageAsync(int width = 1280, int height = 900)
    {
        await StartBrowserAsync();
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
        });
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add(message.Text);
            }
        };
        page.PageError += (_, error) => errors.Add(error);
        return (context, page, errors);
    }

    public override async ValueTask DisposeAsync()
    {
        if (_playwright is not null)
        {
            await Browser.DisposeAsync();
            _playwright.Dispose();
        }

        await base.DisposeAsync();
    }
}
