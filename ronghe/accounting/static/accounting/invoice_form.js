/* Invoice lines: choose a product (price and VAT rate filled in), quantities, prices 含税 or 不含税; the line
   amounts preview the server's rule (per line, rounded half-up to the fen). The server computes the truth. */
function rhInvoiceForm(products, accounts, lines, errors, included) {
  const round2 = x => Math.round((x + Number.EPSILON) * 100) / 100;
  return {
    products, accounts, errors, included,
    lines: lines.length ? lines : [{product: '', description: '', quantity: '1', unit_price: '', discount_percent: '0', vat_rate: '0.13', account: ''}],
    product(id) { return products.find(p => String(p.id) === String(id)); },
    err(path) { return (this.errors[path] || []).join(' '); },
    pick(l) {
      const p = this.product(l.product);
      if (!p) return;
      l.description = l.description || p.name;
      if (!l.unit_price) l.unit_price = p.price;
      l.vat_rate = p.vat;
    },
    add() { this.lines.push({product: '', description: '', quantity: '1', unit_price: '', discount_percent: '0', vat_rate: '0.13', account: ''}); },
    amounts(l) {
      const num = v => parseFloat(String(v || '0').replace(/,/g, '')) || 0;
      const gross = num(l.quantity) * num(l.unit_price) * (1 - num(l.discount_percent) / 100);
      const rate = num(l.vat_rate);
      if (this.included) { const total = round2(gross); const untaxed = round2(total / (1 + rate)); return {untaxed, tax: round2(total - untaxed), total}; }
      const untaxed = round2(gross); const tax = round2(untaxed * rate); return {untaxed, tax, total: round2(untaxed + tax)};
    },
    sum(key) { return this.lines.reduce((s, l) => s + this.amounts(l)[key], 0); },
    fmt(x) { return x.toLocaleString('zh-CN', {minimumFractionDigits: 2, maximumFractionDigits: 2}); },
    get json() { return JSON.stringify(this.lines); },
  };
}
