package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// The edge phase: Khabar behind Varnish (the VCL of khabar varnish-config,
// purged by Khabar on every change) against nginx serving the same bytes,
// and publish-to-visible through Varnish.

// edgePhase starts Khabar with --purge and Varnish in front of it, and
// returns both; Khabar's public address (its base URL) is Varnish's.
func (b *bench) edgePhase(ctx context.Context) (kh, vn *server, err error) {
	vaddr, err := freeAddr()
	if err != nil {
		return nil, nil, err
	}
	kh, _, err = startKhabar(ctx, b.cfg, "khabar-edge", "--purge", "http://"+vaddr+"/", "--base-url", "http://"+vaddr)
	if err != nil {
		return nil, nil, err
	}
	vn, err = startVarnish(ctx, b.cfg, vaddr, strings.TrimPrefix(kh.base, "http://"))
	if err != nil {
		kh.stop()
		return nil, nil, err
	}
	return kh, vn, nil
}

// startVarnish runs varnishd in the foreground at addr with the VCL that
// khabar varnish-config prints for the backend.
func startVarnish(ctx context.Context, cfg config, addr, backend string) (*server, error) {
	dir := cfg.path("varnish")
	if err := os.RemoveAll(dir); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	var vcl, stderr bytes.Buffer
	gen := exec.CommandContext(ctx, cfg.khabar, "varnish-config", "--data", cfg.data(), "--backend", backend)
	gen.Stdout, gen.Stderr = &vcl, &stderr
	if err := gen.Run(); err != nil {
		return nil, fmt.Errorf("khabar varnish-config: %v: %s", err, stderr.Bytes())
	}
	file := filepath.Join(dir, "khabar.vcl")
	if err := os.WriteFile(file, vcl.Bytes(), 0o644); err != nil {
		return nil, err
	}
	// -j none: no separate users, the same as root or not; -F: in the
	// foreground, stopped with its process.
	cmd := exec.CommandContext(ctx, cfg.varnishd, "-F", "-j", "none", "-n", filepath.Join(dir, "n"), "-a", addr, "-f", file,
		"-s", "malloc,256m", "-T", "none")
	s, err := start("varnish", "http://"+addr, cfg.path("varnish.log"), cmd)
	if err != nil {
		return nil, err
	}
	if _, err := s.waitReady(s.base+"/readyz", time.Now(), 60*time.Second); err != nil {
		s.stop()
		return nil, err
	}
	return s, nil
}

// measureEdge runs the edge phase: for each page, the same comparison as
// Khabar's own, Varnish against nginx; then publish-to-visible through
// Varnish.
func (b *bench) measureEdge(ctx context.Context, articlePath string) error {
	kh, vn, err := b.edgePhase(ctx)
	if err != nil {
		return err
	}
	defer kh.stop()
	defer vn.stop()
	l := b.cfg.lang
	b.edgeRows = []*row{
		{name: "article", path: articlePath},
		{name: "front", path: "/" + l + "/"},
		{name: "tag", path: "/" + l + "/tag/tag-7"},
		{name: "feed", path: "/" + l + "/rss.xml"},
	}
	var pages []staticPage
	for _, r := range b.edgeRows {
		p, cold, err := fetchPage(ctx, vn.base, r.path, r.name)
		if err != nil {
			return err
		}
		r.cold = cold
		b.logf("edge %-8s %s: %d bytes, %d gzip; first answer through Varnish in %v", r.name, r.path, len(p.body), len(p.gz), cold.Round(time.Millisecond))
		pages = append(pages, p)
	}
	ng, err := startNginx(ctx, b.cfg, pages)
	if err != nil {
		return err
	}
	defer ng.stop()
	for _, r := range b.edgeRows {
		p, _, err := fetchPage(ctx, vn.base, r.path, r.name)
		if err != nil {
			return err
		}
		if err := writePage(b.cfg, p); err != nil {
			return err
		}
		if err := sameBytes(ctx, vn.base+r.path, ng.base+"/"+r.name); err != nil {
			return err
		}
		if err := b.compareAt(ctx, r, vn.base+r.path, ng.base+"/"+r.name, ""); err != nil {
			return err
		}
	}
	if b.edgeRSS, _, err = kh.memory(); err != nil {
		return err
	}
	pv := &publishes{}
	if err := b.publishToVisible(ctx, kh.base, vn.base, b.edgeRows, pv); err != nil {
		return err
	}
	b.edgePublish = pv
	return nil
}

// varnishVersion is what varnishd -V says, for the report.
func varnishVersion(path string) string {
	out, _ := exec.Command(path, "-V").CombinedOutput()
	line := strings.SplitN(string(out), "\n", 2)[0]
	if i := strings.Index(line, " revision"); i > 0 {
		line = line[:i] + ")"
	}
	return strings.TrimSpace(line)
}
