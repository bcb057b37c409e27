/**
 * Keeps the text unchangeable while leaving it contenteditable, because a caret is what lets readers select with
 * Shift+arrows. Every input path (typing, IME-less beforeinput, paste, drop, cut, Enter/Backspace) is refused,
 * and any transaction that would change the document is filtered out.
 */
import { Plugin } from 'prosemirror-state';

/** The plugin that makes the editor a reader. */
export function readOnlyPlugin(): Plugin {
  return new Plugin({
    filterTransaction: (tr) => !tr.docChanged,
    props: {
      handleTextInput: () => true,
      handlePaste: () => true,
      handleDrop: () => true,
      handleDOMEvents: {
        beforeinput: (_view, event) => {
          event.preventDefault();
          return true;
        },
        cut: (_view, event) => {
          event.preventDefault();
          return true;
        },
      },
      attributes: { role: 'textbox', 'aria-multiline': 'true', 'aria-readonly': 'true', inputmode: 'none', spellcheck: 'false' },
    },
  });
}
