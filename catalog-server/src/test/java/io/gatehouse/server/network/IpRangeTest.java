package io.gatehouse.server.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Addresses and ranges read strictly, and the client address behind proxies; plain JUnit. */
class IpRangeTest {

  private static boolean contains(String range, String address) throws IpRange.Invalid {
    return IpRange.parse(range).contains(IpRange.address(address));
  }

  @Test
  void ipv4RangesIncludeExactlyTheirPrefix() throws IpRange.Invalid {
    assertThat(contains("10.1.2.0/23", "10.1.2.0")).isTrue();
    assertThat(contains("10.1.2.0/23", "10.1.3.255")).isTrue();
    assertThat(contains("10.1.2.0/23", "10.1.4.0")).isFalse();
    assertThat(contains("10.1.2.0/23", "10.1.1.255")).isFalse();
    assertThat(contains("10.1.2.77/23", "10.1.3.1")).isTrue(); // host bits are masked off
    assertThat(contains("0.0.0.0/0", "255.255.255.255")).isTrue();
    assertThat(contains("192.0.2.1/32", "192.0.2.1")).isTrue();
    assertThat(contains("192.0.2.1", "192.0.2.2")).isFalse();
  }

  @Test
  void ipv6RangesIncludeExactlyTheirPrefixAndNeverMatchIpv4() throws IpRange.Invalid {
    assertThat(contains("::1", "0:0:0:0:0:0:0:1")).isTrue();
    assertThat(contains("::1/128", "::2")).isFalse();
    assertThat(contains("2001:db8::/127", "2001:db8::1")).isTrue();
    assertThat(contains("2001:db8::/127", "2001:db8::2")).isFalse();
    assertThat(contains("2001:db8:8000::/33", "2001:db8:ffff::1")).isTrue();
    assertThat(contains("2001:db8:8000::/33", "2001:db8:7fff::1")).isFalse();
    assertThat(contains("::/0", "127.0.0.1")).isFalse();
    assertThat(contains("0.0.0.0/0", "::1")).isFalse();
  }

  @Test
  void ipv4MappedIpv6IsTheIpv4AddressItMaps() throws IpRange.Invalid {
    assertThat(contains("127.0.0.0/8", "::ffff:127.0.0.2")).isTrue();
    assertThat(contains("::ffff:10.0.0.1", "10.0.0.1")).isTrue();
    assertThat(IpRange.peer("::ffff:127.0.0.2")).containsExactly(127, 0, 0, 2);
    assertThat(IpRange.peer("fe80::1%lo")).hasSize(16);
  }

  @Test
  void ambiguousOrMalformedTextIsRefused() {
    for (String text : List.of("0177.0.0.1", "127.0.0.01", "127.1", "2130706433", "0x7f.0.0.1", "1.2.3.4/08", "1.2.3.4/33",
        "::1/129", "::ffff:1.2.3.0/120", "::ffff:01.2.3.4", ".::1", "1.2.3.4/", "1:2:3", "::1%lo", "localhost", "", "1.2.3.4 ")) {
      assertThatThrownBy(() -> IpRange.parse(text)).as(text).isInstanceOf(IpRange.Invalid.class);
    }
  }

  private static ClientAddress behind(String header, String... proxies) {
    return new ClientAddress(new NetworkConfig() {
      @Override
      public Optional<List<String>> trustedProxies() {
        return Optional.of(List.of(proxies));
      }

      @Override
      public String forwardedHeader() {
        return header;
      }
    });
  }

  @Test
  void theClientIsTheRightMostHopThatIsNoTrustedProxy() {
    ClientAddress xff = behind("x-forwarded-for", "10.0.0.0/8");
    assertThat(xff.resolve("10.0.0.1", List.of("203.0.113.9, 198.51.100.2, 10.0.0.7")).text()).isEqualTo("198.51.100.2");
    assertThat(xff.resolve("10.0.0.1", List.of("10.0.0.5, 10.0.0.7")).text()).isEqualTo("10.0.0.5");
    assertThat(xff.resolve("192.0.2.1", List.of("198.51.100.2")).text()).isEqualTo("192.0.2.1");
    assertThat(xff.resolve("10.0.0.1", List.of("198.51.100.2:5555")).text()).isEqualTo("198.51.100.2");
    assertThat(xff.resolve("10.0.0.1", List.of("[2001:db8::1]:443")).text()).isEqualTo("2001:db8:0:0:0:0:0:1");
    assertThat(xff.resolve("10.0.0.1", List.of("198.51.100.2, garbage")).address()).isNull();

    ClientAddress forwarded = behind("forwarded", "10.0.0.0/8");
    assertThat(forwarded.resolve("10.0.0.1", List.of("for=198.51.100.2;proto=https, for=\"[2001:db8::1]:4711\"")).text())
        .isEqualTo("2001:db8:0:0:0:0:0:1");
    assertThat(forwarded.resolve("10.0.0.1", List.of("for=_hidden")).address()).isNull();
  }

  @Test
  void aMisconfiguredProxyListStopsTheServer() {
    assertThatThrownBy(() -> behind("x-forwarded-for", "10.0.0.0/08")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> behind("x-real-ip", "10.0.0.0/8")).isInstanceOf(IllegalArgumentException.class);
  }
}
