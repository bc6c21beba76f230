package nanokassa

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

var (
	once   sync.Once
	shared *Sim
)

func testSim(t *testing.T) *Sim {
	t.Helper()
	once.Do(func() { shared = New() })
	return shared
}

// request encrypts inner and the envelopes by hand (seal in decrypt_test.go).
func request(t *testing.T, s *Sim, inner string, e1 map[string]string, test string) string {
	t.Helper()
	ab, de := seal(t, []byte(inner), &s.PrivateKey(0).PublicKey, s.HMACKey(0))
	env := map[string]string{"ab": ab, "de": de, "kassaid": s.KassaID, "kassatoken": s.KassaToken, "check_type": "standart", "test": test}
	for k, v := range e1 {
		if v == "-" {
			delete(env, k)
		} else {
			env[k] = v
		}
	}
	e1json, _ := json.Marshal(env)
	aab, dde := seal(t, e1json, &s.PrivateKey(1).PublicKey, s.HMACKey(1))
	body, _ := json.Marshal(map[string]string{"aab": aab, "dde": dde, "test": test})
	return string(body)
}

// innerFor is the fixed document example with this simulator's credentials.
func innerFor(t *testing.T, s *Sim, test string) string {
	m := valid(t)
	m["kassaid"], m["kassatoken"], m["test"] = s.KassaID, s.KassaToken, test
	b, _ := json.Marshal(m)
	return string(b)
}

func post(t *testing.T, url, contentType, body string) map[string]any {
	t.Helper()
	resp, err := http.Post(url, contentType, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out map[string]any
	b, _ := io.ReadAll(resp.Body)
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatalf("answer %q: %v", b, err)
	}
	return out
}

func get(t *testing.T, url string) map[string]any {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestSubmitAndStatus(t *testing.T) {
	s := testSim(t)
	srv := httptest.NewServer(s)
	defer srv.Close()
	s.PendingPolls = 1
	defer func() { s.PendingPolls = 0 }()
	s.Now = func() time.Time { return time.Unix(1603110120, 0) }
	defer func() { s.Now = nil }()
	before := len(s.Accepted())
	inner := innerFor(t, s, "1")
	ans := post(t, srv.URL+SubmitPath, "application/json", request(t, s, inner, nil, "1"))
	if ans["status"] != "success" || ans["success"] != SuccessText || ans["nuid"] == "" || ans["qnuid"] == "" {
		t.Fatalf("answer %v", ans)
	}
	acc := s.Accepted()
	if len(acc) != before+1 || string(acc[len(acc)-1]) != inner {
		t.Fatal("accepted payload not recorded")
	}
	url := srv.URL + StatusPath + "?nuid=" + ans["nuid"].(string) + "&qnuid=" + ans["qnuid"].(string) + "&auth=base"
	if st := get(t, url); st["check_status"] != float64(0) {
		t.Errorf("first poll: %v", st)
	}
	st := get(t, url)
	if st["check_status"] != float64(3) || st["check_status_info"] != "debug" || st["check_itog"] != "465.61" ||
		!strings.HasPrefix(st["check_qr_code"].(string), "t=20201019T1222&s=465.61&fn=") || st["check_nuid"] != ans["nuid"] {
		t.Errorf("done: %v", st)
	}
	// Without check_type (as the plugin sends it) and with test 0.
	s.PendingPolls = 0
	inner0 := innerFor(t, s, "0")
	ans = post(t, srv.URL+SubmitPath, "application/json; charset=utf-8", request(t, s, inner0, map[string]string{"check_type": "-"}, "0"))
	if ans["status"] != "success" {
		t.Fatalf("plugin-style envelope: %v", ans)
	}
	st = get(t, srv.URL+StatusPath+"?nuid="+ans["nuid"].(string)+"&qnuid="+ans["qnuid"].(string)+"&auth=base")
	if st["check_status"] != float64(1) {
		t.Errorf("real receipt: %v", st)
	}
	for _, q := range []string{"?nuid=x&qnuid=y&auth=base", "?nuid=" + ans["nuid"].(string) + "&qnuid=" + ans["qnuid"].(string)} {
		if st := get(t, srv.URL+StatusPath+q); st["status"] != "error" {
			t.Errorf("%s: %v", q, st)
		}
	}
}

func TestRefusals(t *testing.T) {
	s := testSim(t)
	srv := httptest.NewServer(s)
	defer srv.Close()
	good := innerFor(t, s, "1")
	cases := []struct {
		name, contentType, body, want string
	}{
		{"content type", "text/plain", request(t, s, good, nil, "1"), "Content-Type"},
		{"not JSON", "application/json", "nope", "not JSON"},
		{"missing dde", "application/json", `{"aab":"x","test":"1"}`, "dde is required"},
		{"outer test", "application/json", request(t, s, good, nil, "yes"), "test must be"},
		{"token", "application/json", request(t, s, good, map[string]string{"kassatoken": "wrong"}, "1"), "wrong kassaid or kassatoken"},
		{"check_type", "application/json", request(t, s, good, map[string]string{"check_type": "standard"}, "1"), "check_type"},
		{"envelope test", "application/json", request(t, s, good, map[string]string{"test": "0"}, "1"), "test differs"},
		{"inner test", "application/json", request(t, s, innerFor(t, s, "0"), nil, "1"), "test of the request differs"},
		{"inner token", "application/json", request(t, s, strings.Replace(good, s.KassaToken, "other", 1), nil, "1"), "differ from the envelope"},
		{"rules", "application/json", request(t, s, strings.Replace(good, `"summa":284`, `"summa":285`, 1), nil, "1"), "summa 285"},
	}
	for _, c := range cases {
		ans := post(t, srv.URL+SubmitPath, c.contentType, c.body)
		if ans["status"] != "error" || !strings.Contains(ans["error"].(string), c.want) {
			t.Errorf("%s: %v", c.name, ans)
		}
	}
	// A flipped byte in the outer data field fails the second HMAC.
	var env map[string]string
	_ = json.Unmarshal([]byte(request(t, s, good, nil, "1")), &env)
	env["dde"] = env["dde"][:100] + flip(env["dde"][100]) + env["dde"][101:]
	b, _ := json.Marshal(env)
	if ans := post(t, srv.URL+SubmitPath, "application/json", string(b)); !strings.Contains(ans["error"].(string), "HMAC") {
		t.Errorf("tampered: %v", ans)
	}
	for _, c := range []struct{ method, path string }{{"GET", SubmitPath}, {"POST", StatusPath}, {"GET", "/other"}} {
		req, _ := http.NewRequest(c.method, srv.URL+c.path, nil)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode < 400 {
			t.Errorf("%s %s: %d", c.method, c.path, resp.StatusCode)
		}
	}
}

func flip(c byte) string {
	if c == 'A' {
		return "B"
	}
	return "A"
}

func TestSettings(t *testing.T) {
	s := testSim(t)
	m := s.Settings("http://127.0.0.1:8080/")
	if m["url"] != "http://127.0.0.1:8080/srv/igd.php" || m["status_url"] != "http://127.0.0.1:8080/getfp" ||
		m["kassaid"] != s.KassaID || m["kassatoken"] != s.KassaToken || !strings.Contains(m["public_key_first"].(string), "BEGIN PUBLIC KEY") {
		t.Errorf("%v", m)
	}
	if _, ok := m["extended_vat"]; ok {
		t.Error("extended_vat by default")
	}
	if s.PrivateKey(0).N.BitLen() != KeyBits || s.PrivateKey(0).N.Cmp(s.PrivateKey(1).N) == 0 || len(s.HMACKey(0)) != 32 {
		t.Error("keys")
	}
}
