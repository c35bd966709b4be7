/* The request form (审批单): values live in `data`, serialized into data_json on submit.
   The server re-validates everything; totals and working days here are only a live preview. */
function rhRequestForm(fields, data, errors, chosen, workdaysUrl) {
  const blankRow = (f) => Object.fromEntries(f.columns.map(c => [c.key, '']));
  fields.forEach(f => {
    if (f.type === 'table') { data[f.key] = (data[f.key] && data[f.key].length) ? data[f.key] : [blankRow(f)]; }
    else if (f.type === 'daterange') { data[f.key] = data[f.key] || {start: '', start_half: 'am', end: '', end_half: 'pm'}; }
    else if (f.type === 'multiselect' || f.type === 'attachment') { data[f.key] = data[f.key] || []; }
    else if (data[f.key] === undefined || data[f.key] === null) { data[f.key] = ''; }
  });
  return {
    fields, data, errors, chosen, days: {},
    err(path) { return (this.errors[path] || []).join(' '); },
    addRow(f) { this.data[f.key].push(blankRow(f)); },
    removeRow(f, i) { this.data[f.key].splice(i, 1); if (!this.data[f.key].length) this.addRow(f); },
    rowAmount(f, row) {
      // a purchase line: amount = quantity × price when both are there
      if ('quantity' in row && 'price' in row && 'amount' in row && row.quantity !== '' && row.price !== '') {
        row.amount = (parseFloat(row.quantity) * parseFloat(row.price)).toFixed(2);
      }
    },
    total(f, c) {
      const sum = this.data[f.key].reduce((s, r) => s + (parseFloat(r[c.key]) || 0), 0);
      return sum.toLocaleString('zh-CN', {minimumFractionDigits: 2, maximumFractionDigits: 2});
    },
    async countDays(f) {
      const v = this.data[f.key];
      this._seq = this._seq || {};
      const seq = (this._seq[f.key] = (this._seq[f.key] || 0) + 1);  // only the latest answer counts (answers can cross)
      if (!v.start || !v.end) { this.days[f.key] = null; return; }
      const q = new URLSearchParams(v).toString();
      const r = await fetch(workdaysUrl + '?' + q);
      const j = await r.json();
      if (seq === this._seq[f.key]) this.days[f.key] = j.days;
    },
    init() { fields.filter(f => f.type === 'daterange').forEach(f => this.countDays(f)); },
    serialize() {
      this.$refs.dataJson.value = JSON.stringify(this.data);
      this.$refs.chosenJson.value = JSON.stringify(this.chosen);
    },
  };
}
