package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// engines are both engines; every CLI test runs through each.
var engines = []string{engineWasm, engineNative}

// cli runs the CLI in process and returns stdout, stderr and the status.
func cli(t *testing.T, stdin string, args ...string) (string, string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	code := runContext(context.Background(), args, strings.NewReader(stdin), &out, &errb)
	return out.String(), errb.String(), code
}

// repo returns a path relative to the repository root.
func repo(parts ...string) string {
	return filepath.Join(append([]string{"..", ".."}, parts...)...)
}

// writeFile writes a temporary file and returns its path.
func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// decode parses one JSON answer.
func decode(t *testing.T, s string) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal([]byte(s), &m); err != nil {
		t.Fatalf("answer is not a JSON object: %v\n%s", err, s)
	}
	return m
}

func TestRunWithoutArgumentsIsUsage(t *testing.T) {
	out, errs, code := cli(t, "")
	if code != exitUsage || out != "" || !strings.Contains(errs, "Usage:") {
		t.Fatalf("code %d, stdout %q, stderr %q", code, out, errs)
	}
}

func TestRunUnknownCommand(t *testing.T) {
	_, errs, code := cli(t, "", "frobnicate")
	if code != exitUsage || !strings.Contains(errs, `unknown command "frobnicate"`) {
		t.Fatalf("code %d, stderr %q", code, errs)
	}
}

func TestRunHelpGoesToStdout(t *testing.T) {
	out, _, code := cli(t, "", "help")
	if code != exitOK || !strings.Contains(out, "kopeck build") || !strings.Contains(out, "Exit status") {
		t.Fatalf("code %d, stdout %q", code, out)
	}
	_, errs, code := cli(t, "", "build", "-h")
	if code != exitOK || !strings.Contains(errs, "-provider") {
		t.Fatalf("build -h: code %d, stderr %q", code, errs)
	}
}

func TestParseArgsIntersperses(t *testing.T) {
	fs := flag.NewFlagSet("x", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	p := fs.String("provider", "", "")
	b := fs.Bool("batch", false, "")
	pos, err := parseArgs(fs, []string{"order.json", "--provider", "itkassa", "-", "--batch", "--", "--not-a-flag"})
	if err != nil {
		t.Fatal(err)
	}
	if *p != "itkassa" || !*b {
		t.Errorf("flags: provider %q batch %v", *p, *b)
	}
	if want := []string{"order.json", "-", "--not-a-flag"}; !reflect.DeepEqual(pos, want) {
		t.Errorf("positional %q, want %q", pos, want)
	}
	if _, err := parseArgs(fs, []string{"--nope"}); err == nil {
		t.Error("an unknown flag was accepted")
	}
}

func TestVersionBothEngines(t *testing.T) {
	var answers []map[string]any
	for _, eng := range engines {
		out, errs, code := cli(t, "", "version", "--engine", eng)
		if code != exitOK {
			t.Fatalf("%s: code %d, stderr %q", eng, code, errs)
		}
		m := decode(t, out)
		if m["version"] == "" || m["version"] == nil {
			t.Errorf("%s: no version in %s", eng, out)
		}
		exports, _ := m["exports"].([]any)
		for _, want := range []string{"build", "validate", "command", "parse", "version"} {
			found := false
			for _, e := range exports {
				found = found || e == want
			}
			if !found {
				t.Errorf("%s: export %s missing in %s", eng, want, out)
			}
		}
		answers = append(answers, m)
	}
	if !reflect.DeepEqual(answers[0], answers[1]) {
		t.Errorf("engines disagree on version: %v vs %v", answers[0], answers[1])
	}
}

func TestVersionRejectsArgumentsAndBadEngine(t *testing.T) {
	if _, _, code := cli(t, "", "version", "extra"); code != exitUsage {
		t.Errorf("extra argument: code %d", code)
	}
	if _, errs, code := cli(t, "", "version", "--engine", "jit"); code != exitUsage || !strings.Contains(errs, "--engine") {
		t.Errorf("bad engine: code %d, %q", code, errs)
	}
}
