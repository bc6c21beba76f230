package goldencase

import (
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/kopeck/kopeck/plugin/provider"
)

// Send performs a built request over HTTP (against a simulator) and returns
// the provider's normalised reading of the answer; kind is Response.For.
// Transport failures and problems in the answer stop the test.
func Send(t testing.TB, prov provider.Provider, r provider.Request, kind string, o provider.Options) provider.Result {
	t.Helper()
	req, err := http.NewRequest(r.Method, r.URL, strings.NewReader(r.Body))
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range r.Headers {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	res, p := prov.Parse(provider.Response{Status: resp.StatusCode, Body: string(body), For: kind}, o)
	if p.HasErrors() {
		t.Fatal(p)
	}
	return res
}
