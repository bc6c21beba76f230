package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"
)

func TestLoadtestInProcessSidecar(t *testing.T) {
	for _, eng := range engines {
		out, errs, code := cli(t, "", "loadtest", "--engine", eng, "--requests", "200", "--concurrency", "4", "--duration", "20s")
		if code != exitOK {
			t.Fatalf("%s: code %d, stderr %q, out %s", eng, code, errs, out)
		}
		var rep loadReport
		if err := json.Unmarshal([]byte(out), &rep); err != nil {
			t.Fatal(err)
		}
		if rep.Requests != 200 || rep.OK != 200 || rep.Failed != 0 || rep.Statuses["200"] != 200 || rep.PerSecond <= 0 || rep.Engine != eng {
			t.Errorf("%s: report %+v", eng, rep)
		}
		if rep.P50ms > rep.P99ms || rep.P99ms > rep.MaxMs {
			t.Errorf("%s: percentiles out of order %+v", eng, rep)
		}
	}
}

func TestLoadtestBundledInputBuilds(t *testing.T) {
	out, err := (nativeEngine{}).Call(context.Background(), "build", loadtestInput)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	json.Unmarshal(out, &m)
	checkBuild(t, m)
}

func TestLoadtestCountsFailures(t *testing.T) {
	srv := httptest.NewServer(newServer(serveConfig{Engine: trickyEngine{}, Token: "tok"}))
	defer srv.Close()
	rep := loadtest(context.Background(), srv.URL+"/v1/build", "tok", []byte(`{"fail":1}`), 30, 3, 10*time.Second)
	if rep.Requests != 30 || rep.Failed != 30 || rep.Statuses["500"] != 30 {
		t.Errorf("report %+v", rep)
	}
	rep = loadtest(context.Background(), srv.URL+"/v1/build", "wrong", []byte(`{}`), 5, 1, 10*time.Second)
	if rep.Failed != 5 || rep.Statuses["401"] != 5 {
		t.Errorf("report %+v", rep)
	}
}

func TestLoadtestRefusesRemoteTargets(t *testing.T) {
	for _, u := range []string{"http://10.0.0.1:8754", "http://example.com", "https://127.0.0.1:1", "ftp://127.0.0.1:1"} {
		if _, errs, code := cli(t, "", "loadtest", "--url", u); code != exitUsage || !strings.Contains(errs, "loopback") {
			t.Errorf("%s: code %d, %q", u, code, errs)
		}
	}
	if _, _, code := cli(t, "", "loadtest", "--duration", "1h"); code != exitUsage {
		t.Errorf("unbounded duration accepted")
	}
}

func TestLoadtestBundledInputIsTheCLIFixture(t *testing.T) {
	fixture, err := os.ReadFile(repo("testdata", "cli", "itkassa.build.json"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(fixture, loadtestInput) {
		t.Error("cmd/kopeck/loadtest_input.json differs from testdata/cli/itkassa.build.json")
	}
}
