package goldencase

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/kopeck/kopeck/plugin/provider"
	"github.com/kopeck/kopeck/plugin/provider/itkassa"
)

// TestSendDeliversTheRequest checks that method, headers and body arrive as
// built and that the answer is parsed by the provider.
func TestSendDeliversTheRequest(t *testing.T) {
	var got *http.Request
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = r
		w.Write([]byte(`{"code":0,"object":{"id":"b61a171e-f7ef-4b6b-a239-8f246925342a","resultItem":null}}`))
	}))
	defer srv.Close()
	res := Send(t, itkassa.New(), provider.Request{Method: "POST", URL: srv.URL + "/print-documents",
		Headers: map[string]string{"X-API-Key": "k"}, Body: "{}"}, "build", provider.Options{})
	if got.Method != "POST" || got.Header.Get("X-API-Key") != "k" || got.URL.Path != "/print-documents" {
		t.Errorf("request arrived as %s %s %v", got.Method, got.URL, got.Header)
	}
	if res.State != provider.StateQueued || res.ID != "b61a171e-f7ef-4b6b-a239-8f246925342a" {
		t.Errorf("%+v", res)
	}
}
