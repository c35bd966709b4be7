/* Voucher entry, keyboard first: Tab or Enter moves to the next cell (Enter on the last cell adds a line),
   "=" in an amount cell fills the amount that balances the voucher, amounts show thousands separators,
   an empty summary takes the line above's, Ctrl+S saves. */
function rhVoucherForm(accounts, dims, lines, errors, templates) {
  const byCode = {};
  accounts.forEach(a => { byCode[a.code] = a; });
  const blank = () => ({summary: '', account: '', debit: '', credit: '', partner: '', department: '', employee: '', project: ''});
  const num = v => { const n = parseFloat(String(v || '').replace(/,/g, '')); return isNaN(n) ? 0 : n; };
  const fmt = n => n.toLocaleString('en-US', {minimumFractionDigits: 2, maximumFractionDigits: 2});
  const rows = (lines || []).map(l => Object.assign(blank(), l, {
    debit: l.debit ? fmt(num(l.debit)) : '', credit: l.credit ? fmt(num(l.credit)) : ''}));
  while (rows.length < 4) rows.push(blank());
  return {
    accounts, dims, errors, templates, lines: rows,
    account(code) { return byCode[String(code || '').split(' ')[0]]; },
    err(path) { return (this.errors[path] || []).join(' '); },
    needs(l, dim) { const a = this.account(l.account); return !!(a && a.dims.indexOf(dim) >= 0); },
    get debit() { return this.lines.reduce((s, l) => s + num(l.debit), 0); },
    get credit() { return this.lines.reduce((s, l) => s + num(l.credit), 0); },
    get diff() { return Math.round((this.debit - this.credit) * 100) / 100; },
    fmt,
    pickAccount(l) { const a = this.account(l.account); if (a) l.account = a.code; },
    amountFocus(l, side, ev) { ev.target.value = l[side] ? String(num(l[side])) : ''; l[side] = ev.target.value; ev.target.select(); },
    amountBlur(l, side) {
      const n = num(l[side]);
      l[side] = n ? fmt(n) : '';
      if (n) l[side === 'debit' ? 'credit' : 'debit'] = '';
    },
    amountKey(l, side, ev) {
      if (ev.key === '=') {  // the amount that balances the voucher
        ev.preventDefault();
        const other = side === 'debit' ? this.credit - (this.debit - num(l.debit)) : this.debit - (this.credit - num(l.credit));
        l[side] = other > 0 ? String(Math.round(other * 100) / 100) : '';
        ev.target.value = l[side];
      }
    },
    summaryFocus(i, ev) {
      if (i > 0 && !this.lines[i].summary && this.lines[i - 1].summary) {
        this.lines[i].summary = this.lines[i - 1].summary;
        this.lines[i].copied = true;  // dropped on save unless the line gets an account or an amount
        this.$nextTick(() => { if (document.activeElement === ev.target) ev.target.select(); });
      }
    },
    next(ev) {  // Enter behaves like Tab inside the grid
      const cells = Array.from(this.$root.querySelectorAll('[data-cell]')).filter(c => c.offsetParent !== null && !c.disabled);
      const i = cells.indexOf(ev.target);
      if (i === cells.length - 1) { this.lines.push(blank()); this.$nextTick(() => this.next(ev)); return; }
      if (i >= 0) cells[i + 1].focus();
    },
    useTemplate(name) {
      const t = this.templates.find(x => x.name === name); if (!t) return;
      this.lines = t.lines.map(l => Object.assign(blank(), l, {debit: l.debit ? fmt(num(l.debit)) : '', credit: l.credit ? fmt(num(l.credit)) : ''}));
      while (this.lines.length < 4) this.lines.push(blank());
    },
    get json() {
      return JSON.stringify(this.lines.filter(l => l.account || num(l.debit) || num(l.credit) || (l.summary && !l.copied)).map(l => ({
        summary: l.summary, account: String(l.account || '').split(' ')[0],
        debit: num(l.debit) ? String(num(l.debit).toFixed(2)) : '', credit: num(l.credit) ? String(num(l.credit).toFixed(2)) : '',
        partner: this.needs(l, 'partner') ? l.partner : '', department: this.needs(l, 'department') ? l.department : '',
        employee: this.needs(l, 'employee') ? l.employee : '', project: this.needs(l, 'project') ? l.project : '',
      })));
    },
  };
}
