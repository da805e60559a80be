// Once per interval, if the user pressed a key or a pointer since the last time, asks the server to renew the
// sign-in cookie (GET /Account/KeepAlive, 204). Nothing is sent while nobody is at the page, so it goes idle.
(() => {
    const script = document.currentScript;
    const url = script.dataset.url;
    const interval = Number(script.dataset.intervalMs) || 60000;
    let active = false;
    const mark = () => { active = true; };
    for (const type of ['pointerdown', 'keydown']) {
        document.addEventListener(type, mark, { capture: true, passive: true });
    }
    setInterval(() => {
        if (!active) {
            return;
        }
        active = false;
        fetch(url, { credentials: 'same-origin', cache: 'no-store', redirect: 'manual' }).catch(() => { });
    }, interval);
})();
