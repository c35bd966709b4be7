/* Order lines (sales and purchase orders): choose a product (price and VAT rate filled in), quantity, price
   含税 or 不含税, discount; amounts preview the server's rule (per line, half-up to the fen). Enter on the last
   quantity adds a line; Ctrl+S saves. The server computes the truth. With `atpUrl` (sales) each line shows the
   date its quantity can ship (available-to-promise), asked again as products and quantities change. */
function rhOrderForm(products, lines, errors, included, atpUrl) {
  const round2 = x => Math.round((x + Number.EPSILON) * 100) / 100;
  const blank = () => ({product: '', quantity: '1', unit_price: '', discount_percent: '0', vat_rate: '', requested_date: ''});
  return {
    products, errors, included, atpUrl, ship: {},
    lines: lines.length ? lines : [blank()],
    init() {
      if (!this.atpUrl) return;
      this.$watch('lines', () => this.askAtp());
      const wh = this.$root.querySelector('[name=warehouse]');
      if (wh) wh.addEventListener('change', () => this.askAtp());
      this.askAtp();
    },
    askAtp() {
      clearTimeout(this._atpTimer);
      this._atpTimer = setTimeout(async () => {
        const asked = this.lines.map((l, i) => [l, i]).filter(([l]) => l.product);
        const query = new URLSearchParams();
        const wh = this.$root.querySelector('[name=warehouse]');
        if (wh) query.append('warehouse', wh.value);
        asked.forEach(([l]) => { query.append('product', l.product); query.append('quantity', l.quantity || '0'); });
        if (!asked.length) { this.ship = {}; return; }
        try {
          const r = await fetch(this.atpUrl + '?' + query.toString(), {headers: {Accept: 'application/json'}});
          if (!r.ok) return;
          const dates = (await r.json()).dates;
          const ship = {};
          asked.forEach(([, i], k) => { ship[i] = dates[k]; });
          this.ship = ship;
        } catch (e) { /* offline: the order page shows the dates after saving */ }
      }, 250);
    },
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
