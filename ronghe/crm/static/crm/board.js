/* The pipeline board: drag a card to another stage column; the server moves it (and says no when it may not),
   the card stays where the server put it. Keyboard users move opportunities from their page. */
document.addEventListener('alpine:init', () => { Alpine.store('board', {error: ''}); });
function rhBoard(csrf) {
  return {
    dragged: null,
    start(ev, id) { this.dragged = ev.target.closest('.rh-board-card'); ev.dataTransfer.setData('text/plain', String(id)); ev.dataTransfer.effectAllowed = 'move'; },
    end() { document.querySelectorAll('.rh-board-col.rh-over').forEach(c => c.classList.remove('rh-over')); },
    over(ev) { ev.currentTarget.classList.add('rh-over'); },
    leave(ev) { ev.currentTarget.classList.remove('rh-over'); },
    async drop(ev, stage) {
      const col = ev.currentTarget; col.classList.remove('rh-over');
      const card = this.dragged; if (!card) return;
      const from = card.closest('.rh-board-col'); if (from === col) return;
      const body = new URLSearchParams({stage: String(stage)});
      const r = await fetch(`/crm/opportunities/${card.dataset.id}/move/`, {method: 'POST', body, headers: {'X-CSRFToken': csrf, 'Accept': 'application/json'}});
      const data = await r.json().catch(() => ({ok: false, message: r.statusText}));
      if (!data.ok) { Alpine.store('board').error = data.message; return; }
      Alpine.store('board').error = '';
      const target = col.querySelector('.rh-board-cards');
      target.querySelector('[data-empty]')?.remove();
      target.prepend(card);
      for (const c of [from, col]) { const n = c.querySelectorAll('.rh-board-card').length; c.querySelector('[data-count]').textContent = String(n); }
      if (data.state === 'won') card.classList.add('rh-won');
    },
  };
}
