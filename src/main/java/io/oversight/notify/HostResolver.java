package io.oversight.notify;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.springframework.stereotype.Component;

/** Looks a host up in DNS; the seam where tests play a resolver that changes its answer. */
interface HostResolver {

    InetAddress[] resolve(String host) throws UnknownHostException;

    /** The platform's resolver. */
    @Component
    class Platform implements HostResolver {

        @Override
        public InetAddress[] resolve(String host) throws UnknownHostException {
            return InetAddress.getAllByName(host);
        }
    }
}
