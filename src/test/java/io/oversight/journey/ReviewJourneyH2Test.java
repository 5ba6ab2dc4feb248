package io.oversight.journey;

import io.oversight.support.OversightTest;

@OversightTest
class ReviewJourneyH2Test extends ReviewJourney {}
