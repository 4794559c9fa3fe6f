namespace Entente.BrowserTests;

/// <summary>Scripts the browser tests evaluate in the page.</summary>
internal static class BrowserChecks
{
    /// <summary>
    /// Elements that reach past the right edge of the window, outside the frames meant to scroll sideways
    /// (<c>.table-wrap</c>); empty when nothing makes the page scroll sideways.
    /// </summary>
    public const string WiderThanTheScreen = """
        () => [...document.querySelectorAll('body *')]
            .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1 && !e.closest('.table-wrap'))
            .map(e => `${e.tagName.toLowerCase()}.${e.className} reaches ${Math.round(e.getBoundingClientRect().right)}px`)
            .slice(0, 10)
            .join('; ')
        """;
}
