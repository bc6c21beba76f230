package host

import (
	"strings"
	"testing"
)

func TestBoundedBuffer(t *testing.T) {
	b := &boundedBuffer{limit: 8}
	for _, s := range []string{"abc", "defgh", "ijk", ""} {
		if n, err := b.Write([]byte(s)); n != len(s) || err != nil {
			t.Fatalf("Write(%q) = %d, %v: must always accept everything", s, n, err)
		}
	}
	if got := b.String(); got != "abcdefgh... (3 more bytes)" {
		t.Fatalf("String() = %q", got)
	}
	b.reset()
	b.Write([]byte("xy"))
	if got := b.String(); got != "xy" {
		t.Fatalf("after reset: %q", got)
	}
	b.Write([]byte(strings.Repeat("z", 100)))
	if got := b.String(); got != "xyzzzzzz... (94 more bytes)" {
		t.Fatalf("String() = %q", got)
	}
}
