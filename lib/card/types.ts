// The hover card's props and states: what lib/content (hover.ts) builds and components/Card.tsx renders.
import type { ComponentChildren } from 'preact';
import type { PageClaim } from '../claims/types';
import type { EntityType } from '../kb/schema';
import type { EntityDetails } from '../messaging/protocol';

export interface CardMention {
  entityId: string;
  name: string;
  type: EntityType;
  /** the text as written on the page ("R1", "Zuckerberg") */
  text: string;
  /** `name` is a former name the page used before a rename ("Twitter (renamed X Corp. in 2023)") */
  formerName?: true;
  /** `name` is a model version the pack does not know yet; the card shows the nearest model it knows (`entityId`) */
  newVersion?: true;
}

export type CardStatus = 'loading' | 'ready' | 'error' | 'missing';
export type ActionState = 'idle' | 'busy' | 'done' | 'failed';

export interface CardProps {
  mention: CardMention;
  status: CardStatus;
  details?: EntityDetails | null;
  error?: string | null;
  /** all claims on the page; the card shows the ones about this entity */
  claims?: readonly PageClaim[];
  /** entity ids mentioned on this page (related entities on the page come first) */
  onPage?: ReadonlySet<string>;
  /** names for entity ids (claim speakers and subjects) */
  nameOf?: (entityId: string) => string | undefined;
  /** the site, for "Turn off on <site>" */
  site: string;
  /** false when the card shows a related entity the reader clicked through to: "not this" no longer applies */
  isMatch?: boolean;
  actions?: Partial<Record<'save' | 'notThis' | 'disableSite', ActionState>>;
  /** the entity the reader came from, for the back button */
  backTo?: string | null;
  onClose?: () => void;
  onRetry?: () => void;
  onSave?: () => void;
  onNotThis?: () => void;
  onDisableSite?: () => void;
  onShowEntity?: (entityId: string) => void;
  onBack?: () => void;
  /** opens the manager at this entity's dossier, or at its predictions (the track-record line) */
  onOpenDossier?: (entityId: string, view?: 'dossier' | 'predictions') => void;
  /** id prefix, unique per card instance */
  idBase?: string;
  /** sections under the description: live context, or what the article says about a new name (entrypoints/content/card-section.ts) */
  extra?: ComponentChildren;
}
