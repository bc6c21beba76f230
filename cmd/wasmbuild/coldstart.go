package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"sort"
	"time"

	"github.com/kopeck/kopeck/host"
)

// Cold start runs, each in a fresh process.
const (
	freshRuns = 3
	warmRuns  = 7
)

// coldstartTargetMS is the target for host.Open with a warm cache.
const coldstartTargetMS = 150

// sample is one child's measurement, in milliseconds.
type sample struct {
	OpenMS      float64 `json:"open_ms"`       // host.Open
	FirstCallMS float64 `json:"first_call_ms"` // the first call of "version" (runs the Go runtime's _initialize)
}

// runColdstart measures host.Open with the embedded plugin in fresh
// processes: with an empty compilation cache (compiles the module) and with
// a warm one (loads the machine code from disk).
func runColdstart(w io.Writer) error {
	exe, err := os.Executable()
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "host.Open of the embedded plugin (%d bytes), each run in a fresh process\n", len(host.Embedded()))

	var fresh []sample
	warmDir := ""
	for i := range freshRuns {
		dir, err := os.MkdirTemp("", "kopeck-coldstart-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		s, err := measure(exe, dir)
		if err != nil {
			return err
		}
		fresh = append(fresh, s)
		if i == 0 {
			warmDir = dir
		}
	}
	var warm []sample
	for range warmRuns {
		s, err := measure(exe, warmDir)
		if err != nil {
			return err
		}
		warm = append(warm, s)
	}
	printSamples(w, "fresh cache", fresh)
	printSamples(w, "warm cache ", warm)
	verdict := "within"
	if median(warm, func(s sample) float64 { return s.OpenMS }) > coldstartTargetMS {
		verdict = "OVER"
	}
	fmt.Fprintf(w, "warm-cache Open is %s the %d ms target\n", verdict, coldstartTargetMS)
	return nil
}

// measure runs one child process measuring Open with cache directory dir.
func measure(exe, dir string) (sample, error) {
	var s sample
	out, err := exec.Command(exe, "-coldstart-child", dir).Output()
	if err != nil {
		if ee, ok := err.(*exec.ExitError); ok {
			return s, fmt.Errorf("cold start child: %w\n%s", err, ee.Stderr)
		}
		return s, fmt.Errorf("cold start child: %w", err)
	}
	if err := json.Unmarshal(out, &s); err != nil {
		return s, fmt.Errorf("cold start child output %q: %w", out, err)
	}
	return s, nil
}

// coldstartChild measures host.Open and the first call once and prints
// the sample as JSON.
func coldstartChild(dir string) error {
	ctx := context.Background()
	start := time.Now()
	h, err := host.Open(ctx, host.Config{CacheDir: dir})
	if err != nil {
		return err
	}
	opened := time.Now()
	if _, err := h.Call(ctx, "version", []byte("{}")); err != nil {
		return err
	}
	called := time.Now()
	if err := h.Close(ctx); err != nil {
		return err
	}
	return json.NewEncoder(os.Stdout).Encode(sample{
		OpenMS:      ms(opened.Sub(start)),
		FirstCallMS: ms(called.Sub(opened)),
	})
}

// printSamples prints the medians and every run.
func printSamples(w io.Writer, label string, ss []sample) {
	fmt.Fprintf(w, "%s: Open median %7.1f ms, first call median %6.1f ms   (Open runs:",
		label, median(ss, func(s sample) float64 { return s.OpenMS }),
		median(ss, func(s sample) float64 { return s.FirstCallMS }))
	for _, s := range ss {
		fmt.Fprintf(w, " %.1f", s.OpenMS)
	}
	fmt.Fprintln(w, ")")
}

// median of f over ss.
func median(ss []sample, f func(sample) float64) float64 {
	v := make([]float64, len(ss))
	for i, s := range ss {
		v[i] = f(s)
	}
	sort.Float64s(v)
	if len(v) == 0 {
		return 0
	}
	return v[len(v)/2]
}

// ms converts a duration to milliseconds.
func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
