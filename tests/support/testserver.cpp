#include "testserver.h"

namespace sg::test {

TestServer::TestServer(bool seedDemo, const Clock *clock)
    : TestServer(Options{seedDemo, clock, {}, {}, {}})
{}

TestServer::TestServer(const Options &o)
{
    static SystemClock systemClock;
    const Clock &c = o.clock ? *o.clock : systemClock;
    server::ServerOptions options;
    options.dataDir = m_dir.path();
    options.smtpUrl = o.smtpUrl;
    options.tlsCertificateFile = o.tlsCertificateFile;
    options.tlsKeyFile = o.tlsKeyFile;
    m_server = std::make_unique<server::Server>(options, &c);
    if (auto st = m_server->open(); !st) {
        m_error = st.error().message;
        return;
    }
    if (o.seedDemo) {
        server::DemoSeeder seeder(m_server->database(), m_server->accounts(), c);
        auto demo = seeder.seed(kPassword);
        if (!demo) {
            m_error = demo.error().message;
            return;
        }
        m_demo = demo.value();
    }
    if (auto st = m_server->start(); !st) {
        m_error = st.error().message;
        return;
    }
    m_ok = true;
}

} // namespace sg::test
