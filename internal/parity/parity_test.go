package parity

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/kopeck/kopeck/host"
	simnk "github.com/kopeck/kopeck/internal/sim/nanokassa"
	"github.com/kopeck/kopeck/plugin/engine"
	"github.com/tidwall/gjson"
)

var (
	openOnce sync.Once
	shared   *host.Host
	openErr  error
)

// wasm returns one host on the embedded plugin for all tests of the package.
func wasm(t testing.TB) *host.Host {
	openOnce.Do(func() { shared, openErr = host.Open(context.Background(), host.Config{CacheDir: host.NoCache}) })
	if openErr != nil {
		t.Fatal(openErr)
	}
	return shared
}

// TestParity builds every bundled case natively and through the .wasm and
// demands byte-identical answers for build and validate. The only bytes
// allowed to differ are the body of an encrypted Nanokassa request (fresh
// keys and IVs every time, by design): for those cases the settings point at
// a simulator's keys, the simulator must accept both bodies, and what it
// decrypts must be the very payload of the answer.
func TestParity(t *testing.T) {
	h := wasm(t)
	sim := simnk.New()
	sim.ExtendedVAT = true
	for _, c := range cases(t) {
		t.Run(c.name, func(t *testing.T) {
			input := c.input
			nano := gjson.GetBytes(input, "settings.provider").String() == "nanokassa"
			if nano {
				input = withSimKeys(t, input, sim)
			}
			for _, export := range []string{"build", "validate"} {
				native, err := engine.Call(export, input, engine.Env{Rand: rand.Reader})
				if err != nil {
					t.Fatalf("native %s: %v", export, err)
				}
				viaWasm, err := h.Call(context.Background(), export, input)
				if err != nil {
					t.Fatalf("wasm %s: %v", export, err)
				}
				if nano && gjson.GetBytes(native, "request").Exists() {
					native, viaWasm = openBoth(t, sim, native, viaWasm)
				}
				if string(native) != string(viaWasm) {
					t.Errorf("%s differs\nnative: %s\nwasm:   %s", export, native, viaWasm)
				}
			}
		})
	}
}

// withSimKeys replaces the input's Nanokassa settings by the simulator's
// (keys, HMAC constants, credentials), keeping everything else.
func withSimKeys(t *testing.T, input []byte, sim *simnk.Sim) []byte {
	t.Helper()
	var in map[string]any
	if err := json.Unmarshal(input, &in); err != nil {
		t.Fatal(err)
	}
	s := in["settings"].(map[string]any)
	section, _ := s["nanokassa"].(map[string]any)
	if section == nil {
		section = map[string]any{}
	}
	for k, v := range sim.Settings("http://127.0.0.1:9") {
		section[k] = v
	}
	s["nanokassa"] = section
	out, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// openBoth posts both encrypted bodies to the simulator, which must accept
// them and decrypt exactly the answer's payload; then it blanks the bodies.
func openBoth(t *testing.T, sim *simnk.Sim, a, b []byte) ([]byte, []byte) {
	t.Helper()
	bodyA, bodyB := gjson.GetBytes(a, "request.body"), gjson.GetBytes(b, "request.body")
	if bodyA.String() == bodyB.String() {
		t.Error("two encryptions gave the same body: randomness is not real")
	}
	for _, ans := range [][]byte{a, b} {
		body := gjson.GetBytes(ans, "request.body").String()
		rec := httptest.NewRecorder()
		req := httptest.NewRequest(http.MethodPost, simnk.SubmitPath, strings.NewReader(body))
		gjson.GetBytes(ans, "request.headers").ForEach(func(k, v gjson.Result) bool {
			req.Header.Set(k.String(), v.String())
			return true
		})
		sim.ServeHTTP(rec, req)
		if st := gjson.Get(rec.Body.String(), "status").String(); st != "success" {
			t.Fatalf("simulator refused the body: %s", rec.Body.String())
		}
		acc := sim.Accepted()
		var got, want any
		_ = json.Unmarshal(acc[len(acc)-1], &got)
		_ = json.Unmarshal([]byte(gjson.GetBytes(ans, "payload").Raw), &want)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("decrypted payload differs from the answer's payload")
		}
	}
	blank := func(ans []byte, body gjson.Result) []byte {
		return append(append(append([]byte{}, ans[:body.Index]...), `""`...), ans[body.Index+len(body.Raw):]...)
	}
	return blank(a, bodyA), blank(b, bodyB)
}
