/* Order lines (sales and purchase orders): choose a product (price and VAT rate filled in), quantity, price
   含税 or 不含税, discount; amounts preview the server's rule (per line, half-up to the fen). Enter on the last
   quantity adds a line; Ctrl+S saves. The server computes the truth. */
function rhOrderForm(products, lines, errors, included) {
  const round2 = x => Math.round((x + Number.EPSILON) * 100) / 100;
  const blank = () => ({product: '', quantity: '1', unit_price: '', discount_percent: '0', vat_rate: '', requested_date: ''});
  return {
    products, errors, included,
    lines: lines.length ? lines : [blank()],
    product(id) { return products.find(p => String(p.id) === String(id)); },
    err(path) { return (this.errors[path] || []).join(' '); },
    pick(l) { const p = this.product(l.product); if (!p) return; l.vat_rate = p.vat; },  // an empty price takes the price list's
    add() { this.lines.push(blank()); },
    amounts(l) {
      const num = v => parseFloat(String(v || '0').replace(/,/g, '')) || 0;
      const p = this.product(l.product);
      const price = String(l.unit_price || '').trim() ? l.unit_price : (p ? p.price : 0);
      const gross = num(l.quantity) * num(price) * (1 - num(l.discount_percent) / 100);
      const rate = num(l.vat_rate);
      if (this.included) { const total = round2(gross); const untaxed = round2(total / (1 + rate)); return {untaxed, tax: round2(total - untaxed), total}; }
      const untaxed = round2(gross); const tax = round2(untaxed * rate); return {untaxed, tax, total: round2(untaxed + tax)};
    },
    sum(key) { return this.lines.reduce((s, l) => s + this.amounts(l)[key], 0); },
    fmt(x) { return x.toLocaleString('zh-CN', {minimumFractionDigits: 2, maximumFractionDigits: 2}); },
    get json() { return JSON.stringify(this.lines.filter(l => l.product)); },
  };
}
