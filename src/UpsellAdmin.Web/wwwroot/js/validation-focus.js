// After a form validated and rendered: brings the first invalid field into view, focuses it, and says how many
// fields need attention. A field is a MudBlazor input in error (.mud-input-error), anything aria-invalid, or a
// block marked data-needs-attention (a list's own message, e.g. "levels must cover 0-100 %").
const selector = ".mud-input-control.mud-input-error, .mud-input-error, [aria-invalid='true'], [data-needs-attention]";

function fieldOf(element) {
    return element.closest(".mud-input-control") ?? element.closest("[data-needs-attention]") ?? element;
}

function isShown(element) {
    return !!(element.offsetWidth || element.offsetHeight || element.getClientRects().length);
}

export async function focusFirstInvalid() {
    // Let the render that shows the messages reach the DOM first.
    await new Promise(resolve => setTimeout(resolve, 0));
    const fields = [];
    for (const element of document.querySelectorAll(selector)) {
        const field = fieldOf(element);
        if (isShown(field) && !fields.includes(field) && !fields.some(f => f.contains(field) || field.contains(f))) {
            fields.push(field);
        }
    }
    if (fields.length === 0) {
        return 0;
    }
    const first = fields[0];
    first.scrollIntoView({ block: "center", behavior: "instant" });
    const input = first.matches("input, textarea, select")
        ? first
        : first.querySelector("input:not([type=hidden]), textarea, select, [tabindex]:not([tabindex='-1']), button");
    (input ?? first).focus({ preventScroll: true });
    return fields.length;
}
