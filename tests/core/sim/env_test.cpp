// Env: one random stream per service, seeded from the world seed and the stream's name.
#include <gtest/gtest.h>
#include "sim/env.h"

using namespace invokelab;

TEST(EnvStreams, SameSeedAndNameGiveTheSameStream) {
    Env a(1), b(1);
    EXPECT_EQ(a.stream("sqs").uuid4(), b.stream("sqs").uuid4());
    EXPECT_EQ(Rng::stream_seed(1, "sqs"), Rng::stream_seed(1, "sqs"));
    EXPECT_NE(Rng::stream_seed(1, "sqs"), Rng::stream_seed(1, "sns"));
    EXPECT_NE(Rng::stream_seed(1, "sqs"), Rng::stream_seed(2, "sqs"));
}

TEST(EnvStreams, ADrawInOneServiceDoesNotShiftAnother) {
    Env quiet(1), busy(1);
    for (int i = 0; i < 5; ++i) busy.stream("sqs").next_u64();   // SQS draws more in one world
    busy.rng.next_u64();                                          // and the setup generator too
    EXPECT_EQ(quiet.stream("lambda").uuid4(), busy.stream("lambda").uuid4());
    EXPECT_EQ(quiet.stream("iam").alnum(17), busy.stream("iam").alnum(17));
}

TEST(EnvStreams, StreamsStayPutAndTheSetupGeneratorIsTheWorldSeed) {
    Env e(7);
    Rng& first = e.stream("sqs");
    e.stream("sns");
    e.stream("lambda");
    EXPECT_EQ(&first, &e.stream("sqs"));             // references stay valid as streams are added
    Rng plain(7);
    EXPECT_EQ(e.rng.next_u64(), plain.next_u64());   // Env::rng is seeded with the world seed itself
}
