// The Upsell Rules grid: bring the rule just saved (row class rule-row-highlight) into view and mark it for tests
// and assistive tech. Imported as a module by UpsellRulesPage.
export function revealHighlighted() {
    const row = document.querySelector('tr.rule-row-highlight');
    if (!row) {
        return false;
    }
    row.setAttribute('data-testid', 'highlighted-rule');
    row.setAttribute('aria-current', 'true');
    row.scrollIntoView({ block: 'center', inline: 'nearest' });
    return true;
}
