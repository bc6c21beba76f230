package main

import (
	"sort"
	"strings"

	"github.com/tidwall/gjson"
)

// secretSections are the settings objects that hold credentials.
var secretSections = []string{"nanokassa", "kassavonline", "itkassa", "woocommerce"}

// minSecret is the shortest string treated as a secret: shorter values
// ("1", "rub") are not credentials, and hiding them would garble messages.
const minSecret = 4

// redactor hides secrets in messages written to stderr or logs. kopeck's
// own messages never include settings; the redactor is the second line of
// defence for texts that come from elsewhere (a host error, an engine
// failure that quotes its input).
type redactor struct{ r *strings.Replacer }

// newRedactor collects every string value of the credential sections of
// settings (a JSON object), and any extra secrets (a bearer token).
func newRedactor(settings []byte, extra ...string) redactor {
	seen := map[string]bool{}
	var walk func(v gjson.Result)
	walk = func(v gjson.Result) {
		switch {
		case v.IsObject() || v.IsArray():
			v.ForEach(func(_, c gjson.Result) bool { walk(c); return true })
		case v.Type == gjson.String || v.Type == gjson.Number:
			if s := v.String(); len(s) >= minSecret {
				seen[s] = true
			}
		}
	}
	if gjson.ValidBytes(settings) {
		root := gjson.ParseBytes(settings)
		for _, name := range secretSections {
			walk(root.Get(gjson.Escape(name)))
		}
	}
	for _, s := range extra {
		if len(s) >= minSecret {
			seen[s] = true
		}
	}
	if len(seen) == 0 {
		return redactor{}
	}
	list := make([]string, 0, len(seen))
	for s := range seen {
		list = append(list, s)
	}
	// Longest first, so that a secret containing another is hidden whole.
	sort.Slice(list, func(i, j int) bool {
		if len(list[i]) != len(list[j]) {
			return len(list[i]) > len(list[j])
		}
		return list[i] < list[j]
	})
	pairs := make([]string, 0, 2*len(list))
	for _, s := range list {
		pairs = append(pairs, s, "[redacted]")
	}
	return redactor{r: strings.NewReplacer(pairs...)}
}

// String returns s with every secret replaced by "[redacted]".
func (r redactor) String(s string) string {
	if r.r == nil {
		return s
	}
	return r.r.Replace(s)
}
