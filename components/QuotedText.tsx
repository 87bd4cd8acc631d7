/** Claim text in quotation marks, unless the sentence already opens with one (direct speech). */
export function QuotedText(props: { text: string; class?: string }) {
  return /^\s*["“‘«„]/.test(props.text) ? <span class={props.class}>{props.text}</span> : <q class={props.class}>{props.text}</q>;
}
