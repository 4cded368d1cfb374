import type { Properties } from 'hast';
import { find, html } from 'property-information';
import type { Attribute } from './attribute-list.ts';

function classList(value: Properties[string]): string[] {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value === 'string') return value.split(/\s+/).filter(Boolean);
  return [];
}

/** Adds classes to hast properties, keeping the ones already there and dropping repeats. */
function addClasses(properties: Properties, classes: readonly string[]): void {
  const merged = [...classList(properties.className)];
  for (const name of classes) if (!merged.includes(name)) merged.push(name);
  if (merged.length > 0) properties.className = merged;
}

/** Sets HTML attributes (as written in markup: `data-fragment-index`, `class`) on hast properties. */
export function setAttributes(properties: Properties, attributes: readonly Attribute[]): void {
  for (const { name, value } of attributes) {
    const { property } = find(html, name);
    if (property === 'className') addClasses(properties, value.split(/\s+/).filter(Boolean));
    else properties[property] = value;
  }
}

/** The classes in an attribute list, e.g. of `class="fragment grow"`. */
export function classesOf(attributes: readonly Attribute[]): string[] {
  return attributes.filter((a) => a.name === 'class').flatMap((a) => a.value.split(/\s+/).filter(Boolean));
}
