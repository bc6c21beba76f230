package main

import (
	"testing"
	"time"
)

func TestMedian(t *testing.T) {
	open := func(s sample) float64 { return s.OpenMS }
	if got := median([]sample{{OpenMS: 5}, {OpenMS: 1}, {OpenMS: 3}}, open); got != 3 {
		t.Errorf("median = %v, want 3", got)
	}
	if got := median(nil, open); got != 0 {
		t.Errorf("median(nil) = %v", got)
	}
}

func TestMS(t *testing.T) {
	if got := ms(1500 * time.Microsecond); got != 1.5 {
		t.Errorf("ms = %v", got)
	}
}

// One real measurement: Open and a first call through a fresh cache work
// and take a positive time.
func TestMeasure(t *testing.T) {
	exe := buildSelf(t)
	s, err := measure(exe, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if s.OpenMS <= 0 || s.FirstCallMS <= 0 {
		t.Fatalf("sample = %+v", s)
	}
}
