// The hover card: what it shows (the entity looked up once per page, its actions), and opening and
// closing it (anchor, theme, what is announced, where focus goes back to).
import type { ActionState, CardMention, CardProps } from '../card/types';
import { anchorRect, virtualElement } from '../card/layout';
import type { HoverTarget } from '../card/machine';
import { backgroundsFrom, chooseTheme } from '../card/theme';
import { TYPE_NAMES, shortDescription } from '../card/format';
import type { EntityDetails } from '../messaging/protocol';
import type { SpecialHighlights } from './hover-highlights';
import { isFocusInCard, rectsOf, type HoverSession, type OpenView } from './hover-session';

type Lookup =
  | { status: 'loading'; promise: Promise<void> }
  | { status: 'ready'; details: EntityDetails | null }
  | { status: 'error'; error: string };

export interface CardContent {
  /** the entity's details, asked for once (again after an error) */
  lookup(entityId: string): Lookup;
  known(entityId: string): Lookup | undefined;
  props(v: OpenView): CardProps;
  /** re-renders the open card */
  render(): void;
}

export function createCardContent(s: HoverSession): CardContent {
  const { deps, win, ui } = s;
  const lookups = new Map<string, Lookup>();

  function lookup(entityId: string): Lookup {
    const known = lookups.get(entityId);
    if (known && known.status !== 'error') return known;
    const promise = deps.ask('getEntity', { id: entityId }).then(
      (details) => {
        lookups.set(entityId, { status: 'ready', details });
      },
      (err: unknown) => {
        lookups.set(entityId, { status: 'error', error: err instanceof Error ? err.message : String(err) });
      },
    );
    const entry: Lookup = { status: 'loading', promise };
    lookups.set(entityId, entry);
    void promise.then(() => {
      if (s.view?.entityId !== entityId) return;
      renderCard();
      // A keyboard-opened card announced only the name while loading: now say what it is.
      const done = lookups.get(entityId);
      if (s.view.via === 'keyboard' && done?.status === 'ready' && done.details) {
        ui.announce(`${done.details.entity.name}: ${shortDescription(done.details.entity.description)}`);
      }
    });
    return entry;
  }

  function cardMention(v: OpenView): CardMention {
    if (v.entityId === v.painted.mention.entityId) return v.painted.mention;
    const found = lookups.get(v.entityId);
    const entity = found?.status === 'ready' ? found.details?.entity : undefined;
    return {
      entityId: v.entityId,
      name: entity?.name ?? deps.nameOf(v.entityId) ?? v.entityId,
      type: entity?.type ?? v.painted.mention.type,
      text: '',
    };
  }

  function cardProps(v: OpenView): CardProps {
    const found = lookups.get(v.entityId) ?? lookup(v.entityId);
    const mention = cardMention(v);
    const onPage = new Set(deps.painted().map((p) => p.mention.entityId));
    const previous = v.trail[v.trail.length - 1];
    return {
      mention,
      status: found.status === 'loading' ? 'loading' : found.status === 'error' ? 'error' : found.details ? 'ready' : 'missing',
      details: found.status === 'ready' ? found.details : null,
      error: found.status === 'error' ? found.error : null,
      claims: deps.claims(),
      onPage,
      nameOf: deps.nameOf,
      site: win.location.hostname || 'this site',
      isMatch: v.entityId === v.painted.mention.entityId,
      actions: v.actions,
      backTo: previous ? (deps.nameOf(previous) ?? previous) : null,
      idBase: 'bs-card',
      extra: deps.extraSection?.(v.entityId),
      onClose: () => s.dispatch({ type: 'dismiss', reason: 'close-button' }),
      onRetry: () => {
        lookups.delete(v.entityId);
        lookup(v.entityId);
        renderCard();
      },
      onSave: deps.save ? () => void act('save', () => deps.save!(v.painted)) : undefined,
      onNotThis: () =>
        void act(
          'notThis',
          async () => {
            const { mention: m } = v.painted;
            await deps.ask('suppressMatch', { host: win.location.hostname, entityId: m.entityId, text: m.text });
            deps.onSuppressed(m);
          },
          true,
        ),
      onDisableSite: () =>
        void act(
          'disableSite',
          async () => {
            await deps.ask('setSiteDisabled', { host: win.location.hostname, disabled: true });
            deps.onSiteDisabled();
          },
          true,
        ),
      onShowEntity: (entityId) => {
        if (!s.view || entityId === s.view.entityId) return;
        s.view.trail.push(s.view.entityId);
        s.view.entityId = entityId;
        lookup(entityId);
        renderCard();
      },
      onOpenDossier: (entityId, target) => void deps.ask('openDossier', { entityId, view: target }).catch(() => undefined),
      onBack: () => {
        if (!s.view?.trail.length) return;
        s.view.entityId = s.view.trail.pop()!;
        renderCard();
      },
    };
  }

  async function act(kind: keyof OpenView['actions'], work: () => Promise<void>, closeAfter = false) {
    const v = s.view;
    if (!v) return;
    v.actions = { ...v.actions, [kind]: 'busy' as ActionState };
    renderCard();
    try {
      await work();
      v.actions = { ...v.actions, [kind]: 'done' as ActionState };
      renderCard();
      if (closeAfter && s.view === v) win.setTimeout(() => s.view === v && s.dispatch({ type: 'dismiss', reason: 'action' }), 700);
    } catch {
      v.actions = { ...v.actions, [kind]: 'failed' as ActionState };
      renderCard();
    }
  }

  function renderCard() {
    if (s.view && ui.isOpen()) ui.update(cardProps(s.view));
  }

  return { lookup, known: (entityId) => lookups.get(entityId), props: cardProps, render: renderCard };
}

export interface CardOpener {
  show(target: HoverTarget, via: 'pointer' | 'keyboard'): void;
  hide(reason: string): void;
}

export function createCardOpener(s: HoverSession, content: CardContent, highlights: SpecialHighlights): CardOpener {
  const { doc, win, ui } = s;

  function show(target: HoverTarget, via: 'pointer' | 'keyboard') {
    s.mentions.current();
    const painted = s.mentions.byKey(target.key);
    if (!painted) {
      s.dispatch({ type: 'dismiss', reason: 'action' });
      return;
    }
    const view: OpenView = { target, painted, entityId: painted.mention.entityId, trail: [], actions: {}, via };
    s.view = view;
    const pointerAtShow = via === 'pointer' ? s.lastPointer : null;
    const anchor = virtualElement(() => {
      const rect = anchorRect(rectsOf(s, painted), pointerAtShow);
      // the page removed the text (a live update, a single-page-app navigation): the card goes with it
      if (!rect) queueMicrotask(() => s.view?.painted === painted && s.dispatch({ type: 'dismiss', reason: 'gone' }));
      return rect;
    }, painted.range.startContainer.parentElement);
    const startElement = painted.range.startContainer.parentElement;
    const theme = chooseTheme({
      backgrounds: [...backgroundsFrom(win, startElement), win.getComputedStyle(doc.body ?? doc.documentElement).backgroundColor],
      prefersDark: win.matchMedia?.('(prefers-color-scheme: dark)').matches ?? false,
      canvasIsDark: /^\s*dark\s*$/.test(win.getComputedStyle(doc.documentElement).colorScheme ?? ''),
    });
    const found = content.known(painted.mention.entityId);
    const description = found?.status === 'ready' && found.details ? ` ${shortDescription(found.details.entity.description)}` : '';
    ui.show(anchor, content.props(view), {
      theme,
      focus: via === 'keyboard',
      announce: `${painted.mention.name}, ${TYPE_NAMES[painted.mention.type]}.${description} Backstory card: Tab to its links and actions, Escape to close.`,
    });
    if (via === 'keyboard') highlights.setCurrent(painted.range);
    else highlights.setCurrent(null);
  }

  function hide(reason: string) {
    const closing = s.view;
    const focusWasInside = isFocusInCard(s);
    ui.hide();
    s.view = null;
    highlights.setCurrent(null);
    // Esc returns focus where it was; a click elsewhere already chose where focus goes.
    if (closing && (closing.via === 'keyboard' || focusWasInside) && reason !== 'outside') restoreFocus(closing);
    else s.focusBefore = null;
  }

  function restoreFocus(closing: OpenView | null) {
    const before = s.focusBefore;
    s.focusBefore = null;
    if (before instanceof win.HTMLElement && before.isConnected && before !== doc.body) {
      before.focus({ preventScroll: true });
      return;
    }
    if (isFocusInCard(s)) (doc.activeElement as HTMLElement).blur();
    if (closing) {
      // Nothing was focused: put the reading position (a collapsed selection) at the mention.
      const r = closing.painted.range;
      try {
        const selection = win.getSelection();
        selection?.removeAllRanges();
        const range = doc.createRange();
        range.setStart(r.startContainer, r.startOffset);
        range.collapse(true);
        selection?.addRange(range);
      } catch {
        // the text is gone
      }
    }
  }

  return { show, hide };
}
