// Follows an import started on /ledger/import: polls its progress, moves the bar, and reloads the page for the
// report once the import has stopped. Without JavaScript the page refreshes itself instead (a noscript meta refresh).
(() => {
    const section = document.querySelector("[data-import-progress]");
    if (!section) {
        return;
    }

    const url = section.getAttribute("data-import-progress");
    const bar = section.querySelector("progress");
    const text = section.querySelector("[data-progress-text]");
    let lastTenth = -1;

    const tick = async () => {
        try {
            const response = await fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" });
            if (!response.ok) {
                window.location.reload();
                return;
            }

            const progress = await response.json();
            if (progress.finished) {
                window.location.reload();
                return;
            }

            bar.max = Math.max(progress.total, 1);
            bar.value = progress.done;

            // The status region is announced by screen readers: change it once per tenth, not on every poll.
            const tenth = Math.floor((progress.done * 10) / Math.max(progress.total, 1));
            if (tenth !== lastTenth) {
                lastTenth = tenth;
                text.textContent = progress.text;
            }
        } catch {
            // A dropped poll is retried on the next tick.
        }

        window.setTimeout(tick, 1000);
    };

    window.setTimeout(tick, 1000);
})();
