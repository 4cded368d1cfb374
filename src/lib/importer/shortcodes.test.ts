import { describe, expect, it } from 'vitest';
import { splitShortcodes } from './shortcodes.ts';

describe('splitShortcodes', () => {
  it('reads names, named and positional parameters, and close tags', () => {
    const parts = splitShortcodes('{{< slide id="a b" transition=zoom >}}x{{% /fragment %}}{{< youtube abc />}}');
    expect(parts).toMatchObject([
      { kind: 'shortcode', sc: { name: 'slide', closing: false, named: { id: 'a b', transition: 'zoom' } } },
      { kind: 'text', text: 'x' },
      { kind: 'shortcode', sc: { name: 'fragment', closing: true } },
      { kind: 'shortcode', sc: { name: 'youtube', selfClosing: true, positional: ['abc'] } },
    ]);
  });

  it('keeps a `>}}` inside a quoted value', () => {
    const [part] = splitShortcodes('{{< frag c="a >}} b" >}}');
    expect(part).toMatchObject({ kind: 'shortcode', sc: { named: { c: 'a >}} b' } } });
  });

  it('leaves code spans and Hugo-escaped shortcodes as text', () => {
    expect(splitShortcodes('`{{< x >}}` and {{</* note */>}}')).toEqual([{ kind: 'text', text: '`{{< x >}}` and {{< note >}}' }]);
  });

  it('leaves braces that are not shortcodes alone', () => {
    expect(splitShortcodes('{{EC2PrivateDNSName}} {REDACTED}')).toEqual([{ kind: 'text', text: '{{EC2PrivateDNSName}} {REDACTED}' }]);
  });
});
