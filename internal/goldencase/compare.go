package goldencase

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/tidwall/gjson"
)

// CodePath is a problem as the golden files state it.
type CodePath struct {
	Code string `json:"code"`
	Path string `json:"path"`
}

// Sorted returns a sorted copy of ps (by path, then code), never nil.
func Sorted(ps []CodePath) []CodePath {
	out := append([]CodePath{}, ps...)
	slices.SortFunc(out, func(a, b CodePath) int { return strings.Compare(a.Path+a.Code, b.Path+b.Code) })
	return out
}

// Same reports whether a and b hold the same problems in any order (nil and
// empty are the same).
func Same(a, b []CodePath) bool { return slices.Equal(Sorted(a), Sorted(b)) }

// codePaths reads the answer's list of problems under key, sorted.
func codePaths(t testing.TB, answer []byte, key string) []CodePath {
	t.Helper()
	var out []CodePath
	if r := gjson.GetBytes(answer, key); r.Exists() {
		if err := json.Unmarshal([]byte(r.Raw), &out); err != nil {
			t.Fatalf("%s: %v in %s", key, err, r.Raw)
		}
	}
	return Sorted(out)
}

// Expect compares the answer's problems with the case's. An error case must
// give no payload and exactly the expected errors; Expect then returns false
// (there is no payload to check). A payload case must give no errors (else
// the test stops) and exactly the expected warnings; Expect returns true.
func (c Case) Expect(t testing.TB, a Answer) bool {
	t.Helper()
	if c.WantErrors != nil {
		if a.Payload != nil || !Same(a.Errors, c.WantErrors) {
			t.Fatalf("errors %v, want %v", a.Errors, Sorted(c.WantErrors))
		}
		return false
	}
	if len(a.Errors) > 0 {
		t.Fatalf("errors: %s", a.Raw)
	}
	if !Same(a.Warnings, c.WantWarnings) {
		t.Errorf("warnings %v, want %v", a.Warnings, Sorted(c.WantWarnings))
	}
	return true
}

// ComparePayload compares payload, which must be compact, with the case's
// .payload.json compacted (the file may be indented or not); with -update
// it writes the file, indented, first.
func (c Case) ComparePayload(t testing.TB, payload []byte) {
	t.Helper()
	_, want := c.golden(t, payload)
	if got, want := string(payload), Compact(t, want); got != want {
		t.Errorf("payload differs from %s.payload.json:\n got %s\nwant %s", c.Name, got, want)
	}
}

// ComparePayloadExact compares payload, indented by two spaces with a
// trailing newline, with the case's .payload.json byte for byte; with
// -update it writes the file first.
func (c Case) ComparePayloadExact(t testing.TB, payload []byte) {
	t.Helper()
	got, want := c.golden(t, payload)
	if !bytes.Equal(got, want) {
		t.Errorf("payload differs from %s.payload.json:\n%s", c.Name, got)
	}
}

// golden returns payload indented, and the golden file's bytes (rewritten
// from payload with -update).
func (c Case) golden(t testing.TB, payload []byte) (got, want []byte) {
	t.Helper()
	var pretty bytes.Buffer
	if err := json.Indent(&pretty, payload, "", "  "); err != nil {
		t.Fatalf("%v in %s", err, payload)
	}
	pretty.WriteByte('\n')
	if !*update {
		return pretty.Bytes(), c.Payload
	}
	if err := os.WriteFile(filepath.Join(c.Dir, c.Name+".payload.json"), pretty.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return pretty.Bytes(), pretty.Bytes()
}

// Compact returns b as compact JSON; broken JSON fails the test.
func Compact(t testing.TB, b []byte) string {
	t.Helper()
	var out bytes.Buffer
	if err := json.Compact(&out, b); err != nil {
		t.Fatalf("%v in %s", err, b)
	}
	return out.String()
}
