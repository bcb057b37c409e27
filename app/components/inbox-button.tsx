'use client';
/**
 * The header's Inbox: a button with the unread count, opening a panel of the reader's mentions and the replies to
 * their notes (newest first; unread ones marked) — who, where, what they wrote. Choosing one marks it read and opens
 * the text at its note (`/d/<id>#<noteId>`: on the same page the deep link focuses the card). "Mark all read".
 * Esc closes and gives the keyboard back to the button; arrows move between items.
 */
import { useEffect, useId, useRef, useState } from 'react';
import type { RoomClient } from '../../lib/collab/room-client.ts';
import { formatWhen } from './format-when.ts';
import { useAccount } from './use-account.ts';
import { type InboxItemView, useInbox } from './use-inbox.ts';

export interface InboxButtonProps {
  /** The room's client where there is one (its `inbox` notices refresh the count at once). */
  client?: RoomClient | null;
}

/** Opens an item's link: on the page of its document, through the hash (the deep link); elsewhere, a new page. */
function follow(item: InboxItemView): void {
  const url = new URL(item.link, window.location.href);
  if (url.pathname !== window.location.pathname) {
    window.location.assign(url.href);
    return;
  }
  if (window.location.hash === url.hash) window.dispatchEvent(new HashChangeEvent('hashchange'));
  else window.location.hash = url.hash;
}

/** The Inbox of a signed-in reader; nothing for a reader without an account. */
export function InboxButton({ client = null }: InboxButtonProps) {
  const { account } = useAccount();
  return account ? <Inbox client={client} /> : null;
}

function Inbox({ client }: { client: RoomClient | null }) {
  const inbox = useInbox(client, true);
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const toggle = useRef<HTMLButtonElement | null>(null);
  const panel = useRef<HTMLElement | null>(null);

  useEffect(() => {
    if (!open) return;
    inbox.refresh();
    panel.current?.querySelector<HTMLElement>('.inbox-item, .inbox-head button')?.focus();
    const onPointer = (event: PointerEvent) => {
      const target = event.target as Node;
      if (!panel.current?.contains(target) && !toggle.current?.contains(target)) setOpen(false);
    };
    // Esc closes wherever the keyboard is (a button that just became disabled leaves it on the page).
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      event.preventDefault();
      setOpen(false);
      toggle.current?.focus();
    };
    document.addEventListener('pointerdown', onPointer);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('pointerdown', onPointer);
      document.removeEventListener('keydown', onKey);
    };
  }, [open, inbox.refresh]);

  const close = () => {
    setOpen(false);
    toggle.current?.focus();
  };
  const choose = (item: InboxItemView) => {
    if (!item.read) void inbox.markRead([{ documentId: item.documentId, annotationId: item.annotationId }]);
    setOpen(false);
    follow(item);
  };
  const unread = inbox.unread;

  return (
    <span className={`inbox${unread > 0 ? ' has-unread' : ''}`}>
      <button
        ref={toggle}
        type="button"
        className="inbox-toggle"
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        onClick={() => (open ? close() : setOpen(true))}
      >
        Inbox
        {unread > 0 && (
          // The name reads "Inbox, 3 unread"; the eye sees the count.
          <span className="inbox-badge">
            <span className="sr-only">, </span>
            <span data-testid="inbox-badge">{unread > 99 ? '99+' : unread}</span>
            <span className="sr-only"> unread</span>
          </span>
        )}
      </button>
      {open && (
        <section
          id={panelId}
          ref={panel}
          className="inbox-panel"
          aria-label="Inbox"
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
              e.preventDefault();
              const items = [...(panel.current?.querySelectorAll<HTMLElement>('.inbox-item') ?? [])];
              const at = items.indexOf(document.activeElement as HTMLElement);
              items[Math.min(items.length - 1, Math.max(0, at + (e.key === 'ArrowDown' ? 1 : -1)))]?.focus();
            }
          }}
        >
          <div className="inbox-head">
            <h2>Inbox</h2>
            <button
              type="button"
              className="link small"
              disabled={unread === 0}
              onClick={() => {
                void inbox.markRead('all');
                // The button is disabled now: the keyboard stays in the panel, on its first item.
                panel.current?.querySelector<HTMLElement>('.inbox-item')?.focus();
              }}
            >
              Mark all read
            </button>
            <button type="button" className="link small" onClick={close}>
              Close
            </button>
          </div>
          {inbox.error && (
            <p className="error" role="alert">
              {inbox.error}{' '}
              <button type="button" className="link small" onClick={inbox.refresh}>
                Try again
              </button>
            </p>
          )}
          {inbox.items === null ? (
            !inbox.error && <p className="inbox-empty">Loading…</p>
          ) : inbox.items.length === 0 ? (
            <p className="inbox-empty">Nothing yet. When someone mentions you (@your name) or replies to your notes, it arrives here.</p>
          ) : (
            <ul className="inbox-list">
              {inbox.items.map((item) => (
                <li key={`${item.documentId}/${item.annotationId}`}>
                  <a
                    className={`inbox-item${item.read ? '' : ' unread'}`}
                    href={item.link}
                    onClick={(e) => {
                      if (e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) return;
                      e.preventDefault();
                      choose(item);
                    }}
                  >
                    <span className="inbox-line">
                      {!item.read && <span className="sr-only">Unread: </span>}
                      <strong>{item.author.name}</strong> {item.kind === 'mention' ? 'mentioned you' : 'replied to your note'} in{' '}
                      <em>{item.documentTitle}</em>
                    </span>
                    <span className="inbox-snippet">{item.snippet}</span>
                    {item.quote && <span className="inbox-quote">on “{item.quote}”</span>}
                    <time dateTime={item.created}>{formatWhen(item.created)}</time>
                  </a>
                </li>
              ))}
            </ul>
          )}
          {inbox.items && inbox.items.length < inbox.total && (
            <button type="button" className="link small inbox-more" disabled={inbox.loading} onClick={inbox.more}>
              Show older ({inbox.total - inbox.items.length})
            </button>
          )}
        </section>
      )}
    </span>
  );
}
