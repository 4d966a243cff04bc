package io.guidelinekb.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Random;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** The seal computes HMAC-SHA256 itself; entries sealed by the JDK's Mac before must still read as sealed. */
class EntrySealTest {

    @Test
    void marksAsTheJdksHmacSha256Does() throws Exception {
        Random random = new Random(7);
        for (int keyLength : new int[] {0, 1, 32, 63, 64}) {
            for (int length : new int[] {0, 1, 55, 56, 63, 64, 65, 1000, 100_003}) {
                byte[] key = new byte[keyLength];
                byte[] bytes = new byte[length + 9];
                random.nextBytes(key);
                random.nextBytes(bytes);
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(key.length == 0 ? new byte[1] : key, "HmacSHA256"));
                if (key.length == 0) {
                    // a key of one zero byte pads to the block that an empty key pads to
                    key = new byte[1];
                }
                mac.update(bytes, 0, length);
                assertArrayEquals(mac.doFinal(), EntrySeal.hmacSha256(key, bytes, length), keyLength + " / " + length);
            }
        }
    }
}
