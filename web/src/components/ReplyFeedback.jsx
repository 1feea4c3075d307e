// Peer feedback under a staff reply in the case view: kudos (once per colleague) and comments for the
// person who wrote it (POST /api/v1/cases/{id}/replies/{post_id}/feedback). Your own replies show what you
// received but cannot be given kudos by you.
import { useState } from 'preact/hooks';
import { post } from '../api.js';
import { toast } from './bits.jsx';

export function ReplyFeedback({ caseId, p, fb, me, onChanged }) {
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const own = p.response?.responder === me.user;
  const kudos = fb?.kudos || 0;
  const mine = !!fb?.kudos_from_me;
  const give = async (kind, body) => {
    try {
      await post(`/cases/${caseId}/replies/${p.id}/feedback`, { kind, text: body });
      toast(kind === 'kudos' ? `Kudos sent to ${p.response.responder}` : 'Comment sent', 'ok');
      setOpen(false);
      setText('');
      onChanged();
    } catch (e) {
      toast(e.message, 'error');
    }
  };
  return (
    <div class="reply-feedback" data-testid="reply-feedback" data-kudos={kudos}>
      <button
        class={`btn btn-small kudos ${mine ? 'kudos-given' : ''}`}
        disabled={own || mine}
        title={own ? 'kudos are for colleagues’ replies' : mine ? 'you gave kudos' : `give ${p.response.responder} kudos for this reply`}
        aria-label={`Kudos for this reply (${kudos})`}
        onClick={() => give('kudos', '')}
      >
        {mine ? 'Kudos given' : 'Kudos'}{kudos > 0 ? ` · ${kudos}` : ''}
      </button>
      {!own && (
        <button class="btn btn-small btn-link" aria-expanded={open} onClick={() => setOpen(!open)}>
          Comment
        </button>
      )}
      {fb?.kudos_from?.length > 0 && <span class="muted small">from {fb.kudos_from.join(', ')}</span>}
      {open && (
        <form
          class="fb-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (text.trim()) give('comment', text.trim());
          }}
        >
          <textarea
            aria-label="Feedback comment"
            rows="2"
            maxLength={2000}
            placeholder={`Only ${p.response.responder} and their leads see this`}
            value={text}
            onInput={(e) => setText(e.currentTarget.value)}
          />
          <button class="btn btn-small btn-primary" type="submit" disabled={!text.trim()}>
            Send
          </button>
        </form>
      )}
      {(fb?.comments || []).map((c) => (
        <p class="fb-comment small">
          <strong>{c.from}:</strong> {c.text}
        </p>
      ))}
    </div>
  );
}
