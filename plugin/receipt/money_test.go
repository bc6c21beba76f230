package receipt

import "testing"

func TestParseMoney(t *testing.T) {
	cases := []struct {
		in     string
		want   Money
		reason string
	}{
		{"141.91", 14191, ""}, {"12", 1200, ""}, {"0.9", 90, ""}, {" 1.50 ", 150, ""}, {"0", 0, ""},
		{"1.005", 0, ReasonPrecision}, {"-1", 0, ReasonNegative}, {"abc", 0, ReasonNotNumber}, {"", 0, ReasonNotNumber},
		{"10000000000000.00", MaxMoney, ""}, {"10000000000000.01", 0, ReasonTooLarge}, {"1e2", 10000, ""},
	}
	for _, c := range cases {
		got, err := ParseMoney(c.in)
		if c.reason != "" {
			ne, ok := err.(*NumberError)
			if !ok || ne.Reason != c.reason || ne.Number != c.in {
				t.Errorf("ParseMoney(%q) error = %v, want reason %s", c.in, err, c.reason)
			}
			continue
		}
		if err != nil || got != c.want {
			t.Errorf("ParseMoney(%q) = %d, %v; want %d", c.in, got, err, c.want)
		}
	}
}

func TestParseQty(t *testing.T) {
	for in, want := range map[string]Qty{"2": 2000, "1.5": 1500, "0.333": 333, "0.0005": -1, "-1": -1, "x": -1} {
		got, err := ParseQty(in)
		if want < 0 {
			if err == nil {
				t.Errorf("ParseQty(%q) = %d, want an error", in, got)
			}
			continue
		}
		if err != nil || got != want {
			t.Errorf("ParseQty(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
}

func TestFormat(t *testing.T) {
	if s := Money(14191).String(); s != "141.91" {
		t.Error(s)
	}
	if s := Money(-5).String(); s != "-0.05" {
		t.Error(s)
	}
	if s := Qty(1500).String(); s != "1.5" {
		t.Error(s)
	}
	if s := Qty(2000).String(); s != "2" {
		t.Error(s)
	}
	if s := Qty(333).Fixed3(); s != "0.333" {
		t.Error(s)
	}
	if s := Qty(1500).Fixed3(); s != "1.500" {
		t.Error(s)
	}
}

func TestAmountRoundsHalfUp(t *testing.T) {
	cases := []struct {
		p    Money
		q    Qty
		want Money
	}{
		{7095, 2000, 14190}, {9999, 500, 5000}, {101, 500, 51}, {100, 333, 33}, {3, 500, 2}, {1, 499, 0},
		{MaxMoney, 1000, MaxMoney}, {1_000_000_000, 99_999_999_000, 99_999_999_000_000_000}, // 10 000 000.00 × 99 999 999
	}
	for _, c := range cases {
		if got := Amount(c.p, c.q); got != c.want {
			t.Errorf("Amount(%d, %d) = %d, want %d", c.p, c.q, got, c.want)
		}
	}
	// Products beyond int64 saturate instead of wrapping around.
	if got := Amount(MaxMoney, MaxQty); got < MaxMoney {
		t.Errorf("overflow wrapped: %d", got)
	}
}

func TestMoneyJSON(t *testing.T) {
	b, _ := Money(14191).MarshalJSON()
	var m Money
	if err := m.UnmarshalJSON(b); err != nil || m != 14191 || string(b) != `"141.91"` {
		t.Errorf("%s → %d, %v", b, m, err)
	}
	var q Qty
	if err := q.UnmarshalJSON([]byte(`"1.5"`)); err != nil || q != 1500 {
		t.Errorf("%d %v", q, err)
	}
}
