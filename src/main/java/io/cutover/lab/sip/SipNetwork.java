package io.cutover.lab.sip;

import io.cutover.inventory.Fqdn;
import io.cutover.inventory.PoolRole;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The lab's SIP servers, all on 127.0.0.1 with OS-chosen ports: one per registrar pool, one per
 * Edge pool (two listeners), one per federated partner domain. Knows which address is which server,
 * as DNS and the topology's trust list do in a real deployment. {@link #close()} closes every
 * socket.
 */
public final class SipNetwork implements AutoCloseable {
    /** A listening point as {@code lab serve} prints it. */
    public record Endpoint(String name, String role, String version, InetSocketAddress sip, String side) {}

    private final Map<String, PoolServer> pools = new LinkedHashMap<>();
    private final Map<String, EdgeServer> edges = new LinkedHashMap<>();
    private final Map<String, PartnerProxy> partners = new LinkedHashMap<>();
    private final Map<Integer, String> byPort = new ConcurrentHashMap<>();
    private final Map<Integer, String> partnerByPort = new ConcurrentHashMap<>();
    private final List<Directory.PoolInfo> infos;
    private volatile boolean closed;

    private SipNetwork(Directory directory) {
        this.infos = directory.pools();
        try {
            for (Directory.PoolInfo p : infos) {
                String key = p.fqdn();
                if (p.role().isRegistrar()) {
                    PoolServer s = new PoolServer(p.fqdn(), p.role(), directory, this);
                    pools.put(key, s);
                    byPort.put(s.address().getPort(), p.fqdn());
                } else if (p.role() == PoolRole.Edge) {
                    EdgeServer e = new EdgeServer(p.fqdn(), directory, this);
                    edges.put(key, e);
                    byPort.put(e.internalAddress().getPort(), p.fqdn());
                    byPort.put(e.externalAddress().getPort(), p.fqdn());
                }
            }
            for (String domain : directory.partners()) {
                PartnerProxy proxy = new PartnerProxy(Fqdn.key(domain), directory, this);
                partners.put(Fqdn.key(domain), proxy);
                partnerByPort.put(proxy.address().getPort(), domain);
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Starts every server; the sockets are bound when this returns. */
    public static SipNetwork start(Directory directory) {
        return new SipNetwork(directory);
    }

    /** The registrar pool's address, or null when it has none (not a registrar). */
    public InetSocketAddress poolAddress(String fqdn) {
        PoolServer s = pools.get(Fqdn.key(fqdn));
        return s == null ? null : s.address();
    }

    public InetSocketAddress edgeInternal(String fqdn) {
        EdgeServer e = edges.get(Fqdn.key(fqdn));
        return e == null ? null : e.internalAddress();
    }

    public InetSocketAddress edgeExternal(String fqdn) {
        EdgeServer e = edges.get(Fqdn.key(fqdn));
        return e == null ? null : e.externalAddress();
    }

    public InetSocketAddress partnerAddress(String domain) {
        PartnerProxy p = partners.get(Fqdn.key(domain));
        return p == null ? null : p.address();
    }

    /** The pool or Edge a lab server address belongs to, or null for anything else (a client, a partner). */
    String serverAt(InetSocketAddress address) {
        return address.getAddress().isLoopbackAddress() ? byPort.get(address.getPort()) : null;
    }

    String partnerAt(InetSocketAddress address) {
        return address.getAddress().isLoopbackAddress() ? partnerByPort.get(address.getPort()) : null;
    }

    boolean isEdge(String fqdn) {
        return edges.containsKey(Fqdn.key(fqdn));
    }

    /** Every listening point: pools, both sides of each Edge, partner proxies. */
    public List<Endpoint> endpoints() {
        List<Endpoint> list = new ArrayList<>();
        for (Directory.PoolInfo p : infos) {
            PoolServer s = pools.get(p.fqdn());
            EdgeServer e = edges.get(p.fqdn());
            if (s != null) {
                list.add(new Endpoint(p.fqdn(), p.role().name(), p.version(), s.address(), null));
            } else if (e != null) {
                list.add(new Endpoint(p.fqdn(), p.role().name(), p.version(), e.internalAddress(), "internal"));
                list.add(new Endpoint(p.fqdn(), p.role().name(), p.version(), e.externalAddress(), "external"));
            }
        }
        partners.forEach((k, p) -> list.add(new Endpoint(p.fqdn, "FederatedPartner", null, p.address(), null)));
        return list;
    }

    /** Requests refused as malformed by every listener so far. */
    public long malformed() {
        long n = 0;
        for (SipServer s : servers()) {
            for (Listener l : s.listeners()) {
                n += l.malformed();
            }
        }
        return n;
    }

    private List<SipServer> servers() {
        List<SipServer> all = new ArrayList<>();
        all.addAll(pools.values());
        all.addAll(edges.values());
        all.addAll(partners.values());
        return all;
    }

    public boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        closed = true;
        for (SipServer s : servers()) {
            s.close();
        }
    }
}
