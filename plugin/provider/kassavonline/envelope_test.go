package kassavonline

import (
	"testing"
)

// The body is url.Values-encoded with sorted keys; expected bytes written by
// hand from RFC 3986 / HTML form encoding (space → +, { → %7B, " → %22, : → %3A).
func TestEnvelope(t *testing.T) {
	c := config{User: "u s", Key: "k&=+", BaseURL: "http://h"}
	req := c.envelope("status", []byte(`{"receipt_id":1}`))
	want := `key=k%26%3D%2B&params=%7B%22receipt_id%22%3A1%7D&user=u+s`
	if req.Body != want {
		t.Fatalf("\n got %s\nwant %s", req.Body, want)
	}
	if req.Method != "POST" || req.URL != "http://h/api/status" || req.Headers["Content-Type"] != ContentType || len(req.Headers) != 2 {
		t.Fatalf("%+v", req)
	}
}
