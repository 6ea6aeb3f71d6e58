// The "Add note" form: a textarea and, for agents, the public/private choice add_note offers.
// No <form> submission: a host's sandbox without allow-forms (the spec's default) blocks submit
// events, so the button's click (or Ctrl/Cmd+Enter in the text) sends the note.
import { h } from '../kit/dom.js';

/** What the form hands back when submitted. */
export interface NoteDraft {
  body: string;
  visibility: 'public' | 'private';
}

/** Options of {@link noteForm}. */
export interface NoteFormOptions {
  /** Offer "private" (agents only; end users' notes are always public). */
  allowPrivate: boolean;
  /** What to show in the form, e.g. a note the server refused, so the text is not lost. */
  initial?: NoteDraft | undefined;
  /** Sends the note; the form stays disabled until it settles and clears on success. */
  onSubmit(draft: NoteDraft): Promise<boolean>;
}

/**
 * A group of fields that adds a note.
 *
 * @example
 * panel.append(noteForm({ allowPrivate: true, onSubmit: (draft) => send(draft) }));
 */
export function noteForm(options: NoteFormOptions): HTMLElement {
  const body = h('textarea', {
    name: 'body',
    required: true,
    maxlength: 10000,
    placeholder: 'Write a note…',
    'aria-label': 'Note text',
  });
  const visibility = h(
    'select',
    { name: 'visibility', 'aria-label': 'Who sees the note' },
    h('option', { value: 'public' }, 'Public (requester sees it)'),
    h('option', { value: 'private' }, 'Private (agents only)'),
  );
  body.value = options.initial?.body ?? '';
  if (options.initial?.visibility === 'private') visibility.value = 'private';
  const submit = h('button', { type: 'button', class: 'primary' }, 'Add note');
  const form = h(
    'section',
    { class: 'note-form', 'aria-label': 'Add a note' },
    h('h2', null, 'Add a note'),
    body,
    h('div', { class: 'row' }, options.allowPrivate && visibility, submit),
  );
  const send = (): void => {
    if (submit.disabled) return;
    const text = body.value.trim();
    if (text === '') return;
    const chosen = options.allowPrivate && visibility.value === 'private' ? 'private' : 'public';
    submit.disabled = true;
    body.disabled = true;
    void options.onSubmit({ body: text, visibility: chosen }).then((done) => {
      submit.disabled = false;
      body.disabled = false;
      if (done) body.value = '';
    });
  };
  submit.addEventListener('click', send);
  body.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) send();
  });
  return form;
}
