package org.hausmeter.web;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.sql.SQLException;

/**
 * Test-only endpoints that fail as a page or the API does when PostgreSQL is gone, without stopping the shared
 * test database: a connection refused (SQL state 08001, wrapped as Hibernate wraps it) and any other error.
 */
@Path("/test-only/database")
public class DatabaseDownProbe {

    @GET
    @Path("refused")
    @Produces(MediaType.TEXT_HTML)
    public String refused() throws SQLException {
        throw new IllegalStateException(
                "rendering failed", new SQLException("Connection to 127.0.0.1:5432 refused.", "08001"));
    }

    @GET
    @Path("other")
    @Produces(MediaType.TEXT_HTML)
    public String other() {
        throw new IllegalStateException("something else");
    }
}
