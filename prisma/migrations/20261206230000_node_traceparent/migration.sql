-- The W3C traceparent of the span that created a node (a signal or addChildren), when tracing was
-- on: its deliveries and its handler runs continue that trace. Null when tracing is off.
ALTER TABLE "nodes" ADD COLUMN "traceparent" TEXT;
