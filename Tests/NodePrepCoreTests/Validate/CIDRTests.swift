import Testing

@testable import NodePrepCore

/// CIDR notation as Go's `net.ParseCIDR` accepts it (nodeadm derives the cluster DNS address from it).
@Suite struct CIDRTests {
    @Test(arguments: [
        "10.100.0.0/16", "0.0.0.0/0", "255.255.255.255/32", "172.20.0.0/016",
        "fd00::/108", "::/0", "::1/128", "2001:db8::/32", "2001:DB8:0:0:0:0:0:1/64", "1:2:3:4:5:6:7::/64",
        "::ffff:10.0.0.0/104", "64:ff9b::192.0.2.0/96",
    ])
    func valid(text: String) {
        #expect(CIDR.isValid(text))
    }

    @Test(arguments: [
        "10.100.0.0", "10.100.0.0/", "/16", "10.100.0.0/33", "10.100.0.0/-1", "10.100.0.0/+16", "10.100.0.0/1 6",
        "10.100.0/16", "10.100.0.0.0/16", "256.0.0.0/8", "10.01.0.0/16", "1e1.0.0.0/8", "10.100.0.0/16/1",
        " 10.100.0.0/16", "::/129", "1::2::3/64", ":1:2:3:4:5:6:7/64", "1:2:3:4:5:6:7:8:9/64", "1:2:3:4:5:6:7/64",
        "12345::/16", "fd00::/1o8", "ｆd00::/108", "fe80::1%eth0/64", "::ffff:10.0.0/104", "::ffff:10.0.0.0:1/104",
        "example.com/16", "",
    ])
    func invalid(text: String) {
        #expect(!CIDR.isValid(text))
    }
}
