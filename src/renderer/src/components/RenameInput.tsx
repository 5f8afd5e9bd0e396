import { useRef, useState, type KeyboardEvent } from 'react';

/** The inline rename field: Enter or clicking away saves, Escape throws the draft away. */
export function RenameInput(props: {
  name: string;
  onSave: (name: string) => void;
  onDone: () => void;
  onBlur: () => void;
}) {
  const [draft, setDraft] = useState(props.name);
  // Set once Enter or Escape has decided, so the blur that follows does not decide again.
  const decided = useRef(false);
  const save = () => {
    decided.current = true;
    const name = draft.trim();
    if (name && name !== props.name) props.onSave(name);
  };
  const onKey = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      save();
      props.onDone();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      decided.current = true;
      props.onDone();
    }
  };
  return (
    <input
      className="rename-input"
      aria-label={`New name for ${props.name}`}
      value={draft}
      maxLength={120}
      autoFocus
      // The whole name selected: typing replaces it, an arrow key keeps it and moves the caret.
      onFocus={(e) => e.currentTarget.select()}
      onChange={(e) => setDraft(e.target.value)}
      onKeyDown={onKey}
      // Clicking elsewhere keeps what was typed (as Enter does); only Escape throws it away.
      onBlur={() => {
        if (!decided.current) save();
        props.onBlur();
      }}
    />
  );
}
