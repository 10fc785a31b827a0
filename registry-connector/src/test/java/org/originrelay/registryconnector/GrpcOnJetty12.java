package org.originrelay.registryconnector;

import com.github.tomakehurst.wiremock.core.Options;
import com.github.tomakehurst.wiremock.extension.Extension;
import com.github.tomakehurst.wiremock.extension.ExtensionFactory;
import com.github.tomakehurst.wiremock.extension.WireMockServices;
import com.github.tomakehurst.wiremock.http.AdminRequestHandler;
import com.github.tomakehurst.wiremock.http.HttpServer;
import com.github.tomakehurst.wiremock.http.StubRequestHandler;
import com.github.tomakehurst.wiremock.jetty12.Jetty12HttpServer;
import jakarta.servlet.DispatcherType;
import java.util.EnumSet;
import java.util.List;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.wiremock.grpc.internal.GrpcFilter;
import org.wiremock.grpc.internal.GrpcHttpServerFactory;

/**
 * The WireMock gRPC extension on WireMock's Jetty 12 server. The extension's published factory builds
 * a Jetty 11 server, and Jetty 11 cannot share a classpath with the Jetty 12 that Spring Boot manages;
 * its Jetty 12 variant is not published. This mounts the extension's own gRPC filter (stubs, JSON
 * conversion, descriptors from the {@code grpc} blob store) on the Jetty 12 server instead.
 */
final class GrpcOnJetty12 implements ExtensionFactory {

    @Override
    public List<Extension> create(WireMockServices services) {
        return List.of(new ServerFactory(services));
    }

    private static final class ServerFactory extends GrpcHttpServerFactory {

        ServerFactory(WireMockServices services) {
            super(services.getStores().getBlobStore("grpc"));
        }

        @Override
        public String getName() {
            return "grpc-jetty12";
        }

        @Override
        public HttpServer buildHttpServer(Options options, AdminRequestHandler adminRequestHandler,
                StubRequestHandler stubRequestHandler) {
            return new Jetty12HttpServer(options, adminRequestHandler, stubRequestHandler) {
                @Override
                protected void decorateMockServiceContextBeforeConfig(ServletContextHandler mockServiceContext) {
                    grpcFilter = new GrpcFilter(stubRequestHandler);
                    loadFileDescriptors();
                    mockServiceContext.addFilter(new FilterHolder(grpcFilter), "/*", EnumSet.of(DispatcherType.REQUEST));
                }
            };
        }
    }
}
