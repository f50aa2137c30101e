/**
 * Open speakers for a browser test: Chromium's fake microphone cannot hear what the page plays, so this init
 * script (page.addInitScript) stands in for the room. Whatever the page plays through an AudioBufferSourceNode
 * also sounds, attenuated, into the microphone stream getUserMedia returns — at the moment it is played, like a
 * laptop's speakers into its own microphone. It simulates hardware; the app under test is unchanged.
 */
export function speakersIntoMicrophone(gain: number): void {
  const room = { context: null as AudioContext | null, destination: null as MediaStreamAudioDestinationNode | null };
  const getUserMedia = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
  navigator.mediaDevices.getUserMedia = async (constraints?: MediaStreamConstraints) => {
    const stream = await getUserMedia(constraints);
    if (!constraints?.audio) return stream;
    room.context ??= new AudioContext();
    const destination = room.context.createMediaStreamDestination();
    room.context.createMediaStreamSource(stream).connect(destination);
    room.destination = destination;
    return destination.stream;
  };
  const start = AudioBufferSourceNode.prototype.start;
  AudioBufferSourceNode.prototype.start = function (this: AudioBufferSourceNode, ...args: Parameters<AudioBufferSourceNode['start']>) {
    const { context, destination } = room;
    if (context && destination && this.buffer) {
      const copy = context.createBuffer(1, this.buffer.length, this.buffer.sampleRate);
      copy.getChannelData(0).set(this.buffer.getChannelData(0));
      const leak = context.createBufferSource();
      leak.buffer = copy;
      const level = context.createGain();
      level.gain.value = gain;
      leak.connect(level).connect(destination);
      start.call(leak);
    }
    return start.apply(this, args);
  };
}
