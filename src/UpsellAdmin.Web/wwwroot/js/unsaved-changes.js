// Asks the browser to confirm closing or reloading the tab while any page guard has unsaved changes.
// Each UnsavedChangesGuard owns an id; the beforeunload listener is attached only while at least one id is dirty.
const dirty = new Set();

function onBeforeUnload(event) {
    event.preventDefault();
    // Older browsers need returnValue set; the text itself is not shown by modern browsers.
    event.returnValue = "";
    return "";
}

export function setDirty(id, isDirty) {
    const wasGuarding = dirty.size > 0;
    if (isDirty) {
        dirty.add(id);
    } else {
        dirty.delete(id);
    }
    const guarding = dirty.size > 0;
    if (guarding && !wasGuarding) {
        window.addEventListener("beforeunload", onBeforeUnload);
    } else if (!guarding && wasGuarding) {
        window.removeEventListener("beforeunload", onBeforeUnload);
    }
}

export function release(id) {
    setDirty(id, false);
}

// For tests: whether the tab currently asks before unloading.
export function isGuarding() {
    return dirty.size > 0;
}
