package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/auth"
	"github.com/khabarnews/khabar/demo"
	"github.com/khabarnews/khabar/i18n"
	"github.com/khabarnews/khabar/lang"
	"github.com/khabarnews/khabar/media"
	"github.com/khabarnews/khabar/newsroom"
	"github.com/khabarnews/khabar/sqlstore"
	"github.com/khabarnews/khabar/web"
	"golang.org/x/time/rate"
)

// serveConfig is everything "khabar serve" is told.
type serveConfig struct {
	addr, data, database, baseURL, defaultLang, logLevel, logFormat string
	demo                                                            bool
	noCache, noHSTS                                                 bool
	trustedProxies                                                  []netip.Prefix
	apiLimits                                                       web.APILimits
	pageCacheMB, maxRenders, maxSearches                            int
	// edge is set by --purge: the shared caches to purge.
	edge *web.EdgeConfig
	dist distConfig
}

func parseServe(args []string, stderr io.Writer) (serveConfig, error) {
	fs := newFlagSet("serve [flags]", "Runs the news site on an embedded SQLite database kept in the data directory.", stderr)
	var c serveConfig
	addr := fs.String("addr", "127.0.0.1:8080", "address to listen on (host:port)")
	data := fs.String("data", "data", "directory for the SQLite database and media files; created if missing")
	database := fs.String("database", "", "PostgreSQL DSN (postgres://user:pass@host/db) to use instead of the SQLite file in --data")
	base := fs.String("base-url", "", "public URL of the site, used in canonical links, feeds and sitemaps (default http://ADDR)")
	def := fs.String("default-lang", "", "language of \"/\" when the browser asks for none of the site's languages (saved in the site settings)")
	level := fs.String("log-level", "info", "log level: debug, info, warn or error")
	format := fs.String("log-format", "text", "log format: text or json")
	dm := fs.Bool("demo", false, "fill an empty site with demo stories in Arabic, Russian and English and create an admin account")
	noCache := fs.Bool("no-cache", false, "render every public page anew instead of serving it from the page cache (to measure rendering)")
	noHSTS := fs.Bool("no-hsts", false, "do not send Strict-Transport-Security, which every answer carries when --base-url starts with https://")
	proxies := fs.String("trusted-proxies", "", "comma-separated addresses or CIDR ranges of the load balancers and CDNs in front of Khabar, whose X-Forwarded-For gives the reader's address")
	lim := web.DefaultAPILimits()
	tokenRate := fs.Int("api-token-rate", int(lim.PerToken), "Admin API requests a second each token may make on average; over it, 429 with Retry-After")
	tokenBurst := fs.Int("api-token-burst", lim.TokenBurst, "Admin API requests a token may make at once before --api-token-rate applies")
	ipRate := fs.Int("api-ip-rate", int(lim.PerIP), "API requests a second each client address may make on average")
	ipBurst := fs.Int("api-ip-burst", lim.IPBurst, "API requests a client address may make at once before --api-ip-rate applies")
	cacheMB := fs.Int("page-cache-mb", 64, "memory for rendered pages and their compressed copies, in MB; the least recently used make room")
	renders := fs.Int("max-renders", 0, "pages not yet cached rendered at once; more wait briefly, the page most readers wait for first, then get 503 (default: the processors)")
	searches := fs.Int("max-searches", 0, "searches run at once; more wait briefly, then get 503 (default: half the processors, at least one)")
	purges := fs.List("purge", "a shared cache to purge on every change: Varnish's address (http://127.0.0.1:6081/, an HTTP PURGE with xkey), or fastly+URL for a purge by key (fastly+https://api.fastly.com/service/ID/purge, its token in $KHABAR_PURGE_TOKEN); repeat for several")
	keyHeader := fs.String("surrogate-key-header", "", "the response header naming a page's surrogate keys (default xkey, or Surrogate-Key when every --purge is fastly+)")
	dist := distributionFlags(fs)
	if err := fs.parse(args); err != nil {
		return c, err
	}
	for name, v := range map[string]int{"api-token-rate": *tokenRate, "api-token-burst": *tokenBurst, "api-ip-rate": *ipRate, "api-ip-burst": *ipBurst} {
		if v <= 0 {
			return c, fmt.Errorf("--%s must be at least 1, not %d", name, v)
		}
	}
	c = serveConfig{addr: *addr, data: *data, database: *database, baseURL: *base, defaultLang: *def, logLevel: *level, logFormat: *format, demo: *dm}
	c.noCache, c.noHSTS = *noCache, *noHSTS
	c.apiLimits = web.APILimits{PerToken: rate.Limit(*tokenRate), TokenBurst: *tokenBurst, PerIP: rate.Limit(*ipRate), IPBurst: *ipBurst}
	c.pageCacheMB, c.maxRenders, c.maxSearches = *cacheMB, *renders, *searches
	if c.pageCacheMB < 1 || c.maxRenders < 0 || c.maxSearches < 0 {
		return c, errors.New("--page-cache-mb must be at least 1, --max-renders and --max-searches 0 (the default) or more")
	}
	var err error
	if c.trustedProxies, err = parseProxies(*proxies); err != nil {
		return c, err
	}
	if c.edge, err = parseEdge(*purges, *keyHeader, os.Getenv("KHABAR_PURGE_TOKEN")); err != nil {
		return c, err
	}
	if c.edge != nil && c.noCache {
		return c, errors.New("--purge needs the page cache: leave out --no-cache")
	}
	if c.dist, err = dist(); err != nil {
		return c, err
	}
	if c.baseURL == "" {
		c.baseURL = "http://" + c.addr
	}
	if !strings.HasPrefix(c.baseURL, "http://") && !strings.HasPrefix(c.baseURL, "https://") {
		return c, fmt.Errorf("--base-url must start with http:// or https://, not %q", c.baseURL)
	}
	if c.defaultLang != "" {
		if _, ok := lang.Lookup(c.defaultLang); !ok {
			return c, fmt.Errorf("--default-lang: unknown language %q", c.defaultLang)
		}
	}
	return c, nil
}

// parseProxies reads --trusted-proxies: addresses (one host each) or
// CIDR ranges, separated by commas.
func parseProxies(list string) ([]netip.Prefix, error) {
	var out []netip.Prefix
	for _, item := range strings.Split(list, ",") {
		item = strings.TrimSpace(item)
		if item == "" {
			continue
		}
		if p, err := netip.ParsePrefix(item); err == nil {
			out = append(out, p.Masked())
			continue
		}
		a, err := netip.ParseAddr(item)
		if err != nil {
			return nil, fmt.Errorf("--trusted-proxies: %q is neither an address nor a CIDR range (10.0.0.0/8)", item)
		}
		out = append(out, netip.PrefixFrom(a.Unmap(), a.Unmap().BitLen()))
	}
	return out, nil
}

// parseEdge reads --purge and --surrogate-key-header: nil when there is no
// cache to purge.
func parseEdge(purges []string, keyHeader, token string) (*web.EdgeConfig, error) {
	if len(purges) == 0 {
		if keyHeader != "" {
			return nil, errors.New("--surrogate-key-header needs a --purge: a cache that is never purged must not keep pages for long")
		}
		return nil, nil
	}
	e := &web.EdgeConfig{KeyHeader: keyHeader}
	allFastly := true
	for _, p := range purges {
		t := web.PurgeTarget{URL: p}
		if u, ok := strings.CutPrefix(p, "fastly+"); ok {
			t = web.PurgeTarget{URL: u, Fastly: true, Token: token}
		}
		allFastly = allFastly && t.Fastly
		u, err := url.Parse(t.URL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return nil, fmt.Errorf("--purge %q: want http://HOST:PORT/ (Varnish) or fastly+https://… (a purge by key)", p)
		}
		e.Purge = append(e.Purge, t)
	}
	if e.KeyHeader == "" {
		e.KeyHeader = "xkey"
		if allFastly {
			e.KeyHeader = "Surrogate-Key"
		}
	}
	if strings.ContainsAny(e.KeyHeader, " :\t\r\n") {
		return nil, fmt.Errorf("--surrogate-key-header %q is not a header name", e.KeyHeader)
	}
	return e, nil
}

func newLogger(level, format string, w io.Writer) (*slog.Logger, error) {
	var l slog.Level
	if err := l.UnmarshalText([]byte(level)); err != nil {
		return nil, fmt.Errorf("--log-level: %w", err)
	}
	opts := &slog.HandlerOptions{Level: l}
	switch format {
	case "text":
		return slog.New(slog.NewTextHandler(w, opts)), nil
	case "json":
		return slog.New(slog.NewJSONHandler(w, opts)), nil
	}
	return nil, fmt.Errorf("--log-format must be text or json, not %q", format)
}

// openStoreAt opens the database — PostgreSQL when dsn is set, else the
// SQLite file in dir — and the media directory in dir.
func openStoreAt(ctx context.Context, dir, dsn string) (*sqlstore.DB, khabar.BlobStore, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, nil, fmt.Errorf("creating data directory: %w", err)
	}
	var db *sqlstore.DB
	var err error
	if dsn != "" {
		db, err = sqlstore.OpenPostgres(ctx, dsn)
	} else {
		db, err = sqlstore.OpenSQLite(ctx, filepath.Join(dir, "khabar.db"))
	}
	if err != nil {
		return nil, nil, err
	}
	blobs, err := openBlobs(ctx, dir)
	if err != nil {
		db.Close()
		return nil, nil, err
	}
	return db, blobs, nil
}

// openBlobs opens the media store: the S3-compatible bucket named by
// $KHABAR_S3_BUCKET (at $KHABAR_S3_ENDPOINT, with $KHABAR_S3_ACCESS_KEY and
// $KHABAR_S3_SECRET_KEY), or else the media folder of the data directory.
// Credentials come from the environment only, never from flags, so that they
// do not show in the process list.
func openBlobs(ctx context.Context, dir string) (khabar.BlobStore, error) {
	if bucket := os.Getenv("KHABAR_S3_BUCKET"); bucket != "" {
		return media.NewS3(ctx, media.S3Config{
			Endpoint:  os.Getenv("KHABAR_S3_ENDPOINT"),
			Bucket:    bucket,
			Region:    os.Getenv("KHABAR_S3_REGION"),
			Prefix:    os.Getenv("KHABAR_S3_PREFIX"),
			AccessKey: os.Getenv("KHABAR_S3_ACCESS_KEY"),
			SecretKey: os.Getenv("KHABAR_S3_SECRET_KEY"),
		})
	}
	return media.NewDisk(filepath.Join(dir, "media"))
}

func serve(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	c, err := parseServe(args, stderr)
	if err != nil {
		return err
	}
	log, err := newLogger(c.logLevel, c.logFormat, stderr)
	if err != nil {
		return err
	}
	db, blobs, err := openStoreAt(ctx, c.data, c.database)
	if err != nil {
		return err
	}
	defer db.Close()
	news := newsroom.New(db, blobs, nil, log)
	if c.defaultLang != "" {
		if err := setDefaultLang(ctx, news, db, c.defaultLang); err != nil {
			return err
		}
	}
	if c.demo {
		if err := loadDemo(ctx, news, db, blobs, log, stdout, c.baseURL); err != nil {
			return err
		}
	}
	cat, err := i18n.Load()
	if err != nil {
		return err
	}
	if c.edge != nil {
		c.edge.Queue = db
	}
	site, err := web.New(web.Config{BaseURL: c.baseURL, Logger: log, NoCache: c.noCache, TrustedProxies: c.trustedProxies, NoHSTS: c.noHSTS,
		PageCacheBytes: c.pageCacheMB << 20, MaxRenders: c.maxRenders, MaxSearches: c.maxSearches, Edge: c.edge, APILimits: c.apiLimits}, db, blobs, cat, news)
	if err != nil {
		return err
	}
	schedCtx, stopScheduler := context.WithCancel(ctx)
	defer stopScheduler()
	go news.RunScheduler(schedCtx, 5*time.Second)
	searchDone := make(chan struct{})
	go func() {
		defer close(searchDone)
		news.KeepSearchCurrent(schedCtx, searchUpkeep)
	}()
	completed := completeMedia(schedCtx, news, log)
	purged := make(chan struct{})
	go func() { site.PurgeCaches(schedCtx); close(purged) }()
	// Stopped before the store closes (deferred calls run last first).
	defer func() { stopScheduler(); <-completed; <-searchDone; <-purged }()
	stopDistribution, err := startDistribution(ctx, c, db, blobs, cat, news, log)
	if err != nil {
		return err
	}
	defer stopDistribution()
	ln, err := net.Listen("tcp", c.addr)
	if err != nil {
		return err
	}
	ln = web.Listener(ln)
	srv := &http.Server{
		Handler:           site,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
		ConnContext:       web.ConnContext,
	}
	backend := "sqlite"
	if c.database != "" {
		backend = "postgres"
	}
	log.Info("khabar is serving", "addr", ln.Addr().String(), "base_url", c.baseURL, "data", c.data, "database", backend, "version", version)
	fmt.Fprintf(stdout, "Khabar is running: open %s/\n", c.baseURL)
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	log.Info("shutting down: finishing requests in flight")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		return fmt.Errorf("shutting down: %w", err)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	log.Info("stopped")
	return nil
}

// searchUpkeep is how often serve looks for search terms to write again
// (after an upgrade, or a lexicon entry saved on any node).
const searchUpkeep = 10 * time.Second

// completeMedia gives the media stored before a size of variant existed
// (the 16:9, 4:3 and 1:1 crops, say) the variants they lack, in the
// background: their pages serve what they have until then. The channel
// closes when it is done or ctx ends.
func completeMedia(ctx context.Context, news *newsroom.Service, log *slog.Logger) <-chan struct{} {
	done := make(chan struct{})
	go func() {
		defer close(done)
		start := time.Now()
		n, err := news.CompleteMedia(ctx)
		switch {
		case err != nil && ctx.Err() == nil:
			log.Error("making the missing media variants", "made_for", n, "err", err)
		case n > 0:
			log.Info("made the missing media variants", "media", n, "took", time.Since(start).Round(time.Millisecond))
		}
	}()
	return done
}

func setDefaultLang(ctx context.Context, news *newsroom.Service, db khabar.Reader, tag string) error {
	st, err := db.Settings(ctx)
	if err != nil {
		return err
	}
	if st.DefaultLang == tag {
		return nil
	}
	if !st.HasLang(tag) {
		return fmt.Errorf("--default-lang %q is not one of the site's languages %v", tag, st.Languages)
	}
	st.DefaultLang = tag
	return news.SaveSettings(ctx, newsroom.Console(), st)
}

// loadDemo fills an empty site with the demo content and an admin account;
// a site that already has content is left alone.
func loadDemo(ctx context.Context, news *newsroom.Service, db khabar.Store, blobs khabar.BlobStore, log *slog.Logger, stdout io.Writer, baseURL string) error {
	n, err := db.CountStories(ctx)
	if err != nil {
		return err
	}
	if n > 0 {
		log.Info("demo content not loaded: the site already has stories")
		return nil
	}
	log.Info("loading the demo content (drawing its images takes a few seconds)")
	start := time.Now()
	stats, err := demo.Load(ctx, db, blobs, time.Now())
	if err != nil {
		return fmt.Errorf("loading demo content: %w", err)
	}
	log.Info("demo content loaded", "stories", stats.Stories, "versions", stats.Versions, "images", stats.Images, "took", time.Since(start).Round(time.Millisecond))
	if _, err := db.UserByLogin(ctx, "admin"); err == nil {
		return nil
	}
	password, err := auth.RandomPassword(16)
	if err != nil {
		return err
	}
	admin := newsroom.UserInput{Login: "admin", Slug: "admin", Role: khabar.RoleAdmin,
		Names: khabar.Text{"ar": "مدير الموقع", "ru": "Администратор", "en": "Administrator"}}
	if _, err := news.CreateUser(ctx, newsroom.Console(), admin, password); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Demo site ready at %s/ — admin account: login %q, password %q (shown only this once)\n",
		baseURL, "admin", password)
	return nil
}
