package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

func TestBatchKeepsOrderAndMixesForms(t *testing.T) {
	full := readInputFile(t, repo("testdata", "cli", "itkassa.build.json"))
	settings := writeFile(t, "s.json", string(full["settings"]))
	// Orders with distinct totals, so that each answer can be matched to
	// its line: item price i+1 roubles.
	var in strings.Builder
	const n = 40
	for i := 0; i < n; i++ {
		switch i % 4 {
		case 1: // a full input object on the line
			fmt.Fprintf(&in, `{"settings":{"locale":"ru"},"order":{"id":"%d","items":[{"name":"x","price":"%d.00","quantity":1}],"customer":{"email":"a@example.ru"}}}`+"\n", i, i+1)
		case 2: // a bad order
			fmt.Fprintf(&in, `{"id":"%d","items":[{"name":"x","price":"-%d","quantity":1}]}`+"\n", i, i+1)
		case 3: // not JSON, then a blank line
			in.WriteString("{broken\n   \n")
		default:
			fmt.Fprintf(&in, `{"id":"%d","items":[{"name":"x","price":"%d.00","quantity":1}],"customer":{"email":"a@example.ru"}}`+"\n", i, i+1)
		}
	}
	for _, eng := range engines {
		out, errs, code := cli(t, in.String(), "build", "--batch", "--workers", "3", "--engine", eng, "--settings", settings)
		if code != exitErrors {
			t.Fatalf("%s: code %d, stderr %q", eng, code, errs)
		}
		lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
		if len(lines) != n {
			t.Fatalf("%s: %d answers for %d non-blank lines", eng, len(lines), n)
		}
		for i, l := range lines {
			m := decode(t, l)
			switch i % 4 {
			case 0, 1:
				checkBuild(t, m)
				if got := kopecks(t, m["receipt"].(map[string]any)["total"]); got != int64(i+1)*100 {
					t.Errorf("%s: line %d total %d: answers out of order", eng, i+1, got)
				}
			case 2:
				if !strings.Contains(l, `"path":"order.items[0].price"`) {
					t.Errorf("%s: line %d: %s", eng, i+1, l)
				}
			case 3:
				if !strings.Contains(l, `"code":"invalid_json"`) {
					t.Errorf("%s: line %d: %s", eng, i+1, l)
				}
			}
		}
	}
}

func TestBatchAllGoodExitsZero(t *testing.T) {
	in := `{"settings":{"provider":"itkassa"},"order":{"id":"7","items":[{"name":"a","price":"1","quantity":1}],"customer":{"email":"a@example.ru"}}}` + "\n"
	settings := writeFile(t, "s.json", string(readInputFile(t, repo("testdata", "cli", "itkassa.build.json"))["settings"]))
	out, errs, code := cli(t, strings.Repeat(in, 5), "validate", "--batch", "--engine", engineNative, "--settings", settings)
	if code != exitOK || strings.Count(out, "\n") != 5 {
		t.Fatalf("code %d, stderr %q, out %q", code, errs, out)
	}
	if out, _, code := cli(t, "", "build", "--batch", "--engine", engineNative); code != exitOK || out != "" {
		t.Errorf("empty input: code %d, out %q", code, out)
	}
}

// failingEngine fails every call whose input contains "boom", quoting the
// input the way a careless error message would.
type failingEngine struct{ calls atomic.Int64 }

func (f *failingEngine) Call(_ context.Context, export string, input []byte) ([]byte, error) {
	f.calls.Add(1)
	if bytes.Contains(input, []byte("boom")) {
		return nil, errors.New("trap while reading " + string(input))
	}
	time.Sleep(time.Millisecond)
	return []byte(`{"receipt":{},"warnings":[]}`), nil
}

func (f *failingEngine) Close(context.Context) error { return nil }

func TestBatchInternalFailureIsALineAndRedacted(t *testing.T) {
	var out, errs bytes.Buffer
	opts := newInputOptions(map[string]json.RawMessage{"itkassa": json.RawMessage(`{"api_key":"SECRET-KEY-123"}`)}, "", "", nil)
	in := "{\"a\":1}\n{\"boom\":1}\n{\"a\":2}\n"
	code := runBatch(context.Background(), &failingEngine{}, "build", opts, strings.NewReader(in), &out, &errs, 2)
	if code != exitInternal {
		t.Fatalf("code %d", code)
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != 3 || !strings.Contains(lines[1], `"code":"internal_error"`) || strings.Contains(lines[0], "error") || strings.Contains(lines[2], "error") {
		t.Errorf("answers %q", lines)
	}
	if !strings.Contains(errs.String(), "line 2: internal failure") || strings.Contains(errs.String(), "SECRET-KEY-123") {
		t.Errorf("stderr %q", errs.String())
	}
}

func TestBatchLongLine(t *testing.T) {
	var out, errs bytes.Buffer
	in := "{\"x\":\"" + strings.Repeat("a", maxLine+10) + "\"}\n{\"a\":1}\n"
	code := runBatch(context.Background(), &failingEngine{}, "build", newInputOptions(nil, "", "", nil), strings.NewReader(in), &out, &errs, 1)
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if code != exitErrors || len(lines) != 2 || !strings.Contains(lines[0], `"code":"body_too_large"`) || strings.Contains(lines[1], "errors") {
		t.Errorf("code %d, answers %.300q", code, lines)
	}
}

func TestReadLinesNumbersPhysicalLines(t *testing.T) {
	var got []int
	err := readLines(strings.NewReader("a\n\n  \nb\r\nc"), func(j *batchJob) bool {
		got = append(got, j.line)
		return true
	})
	if err != nil || fmt.Sprint(got) != "[1 4 5]" {
		t.Errorf("lines %v, %v", got, err)
	}
}

type errWriter struct{}

func (errWriter) Write([]byte) (int, error) { return 0, errors.New("broken pipe") }

func TestBatchWriteFailure(t *testing.T) {
	var errs bytes.Buffer
	code := runBatch(context.Background(), &failingEngine{}, "build", newInputOptions(nil, "", "", nil), strings.NewReader("{}\n"), errWriter{}, &errs, 1)
	if code != exitInternal || !strings.Contains(errs.String(), "broken pipe") {
		t.Errorf("code %d, stderr %q", code, errs.String())
	}
}
