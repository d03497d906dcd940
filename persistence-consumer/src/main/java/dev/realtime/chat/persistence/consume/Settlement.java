package dev.realtime.chat.persistence.consume;

import java.util.List;

/** What to do with an input batch once its writes are done. */
public sealed interface Settlement {

    /** Cassandra was unreachable: back to the queue untouched, no retry counted. */
    record Requeue(String why) implements Settlement {
    }

    /** Publish these (confirmed), then acknowledge the input. */
    record Complete(List<Publication> publications) implements Settlement {

        public Complete {
            publications = List.copyOf(publications);
        }
    }
}
